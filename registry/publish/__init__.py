"""Publication: term descriptions, vocabularies and documents as linked data."""
