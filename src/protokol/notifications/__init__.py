"""Notifications to people: e-mail and in-app messages, queued by services, sent by tasks."""
