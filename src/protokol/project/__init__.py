"""Django wiring only: settings, URLs, WSGI/ASGI entry points and system checks."""
