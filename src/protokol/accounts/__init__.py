"""Users and their roles: ministry admin, curator, regional operator, observer."""
