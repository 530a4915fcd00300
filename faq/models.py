"""Models of the faq app."""
