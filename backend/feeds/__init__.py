"""Calendar feeds: secret ICS addresses for staff and participants."""
