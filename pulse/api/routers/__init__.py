"""The API's operations, one router per tag."""
