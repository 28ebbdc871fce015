"""Assignments: one instruction for one region, the unit of control."""
