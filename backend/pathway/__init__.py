"""Before a place: candidates on the work and activity coordinators' pathway (seed 002).

A candidate is a person who is not (yet) a participant. They move through stages, each
change dated and kept, from first contact (approach) towards a place: work training or
activity, or a VTA, VTA-O or care-assistant place granted by NAV, then follow-up, until
the pathway ends with a reason. `rules` holds the stages and what a move may be;
`candidates` the use cases shared by the web pages, the API and the command line.
"""
