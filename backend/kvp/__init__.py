"""KVP applications (kvalifiseringsprogrammet, seed 003): from the application received
to the programme started, and the decision periods after it.

`rules` holds the steps and their checks (pure); `applications` the use cases shared by
the web pages, the JSON API and the command line.
"""
