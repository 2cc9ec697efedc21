"""Check-in by picture at the door: a paired unit tablet, taps on arrival and on leaving."""
