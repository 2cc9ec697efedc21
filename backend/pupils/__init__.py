"""The pupil register (seed 001): pupils in upper secondary school whom AoK, iVekst and NAV
want to know of years before any service. Pupils are not participants; only the age-18
reminder and the status meeting's overview concern them, and a pupil who finishes school
becomes a participant without typing again.

- `rules`: class year and expected end, age, the NAV mark, consent, the overview (pure);
- `register`: add, change, end, list and find pupils (shared by web, API and CLI);
- `becoming`: a pupil becomes a participant through the people area's registry;
- `overview_pdf`: the status meeting's overview as a PDF for the call;
- `retention`: ended pupils are deleted on a schedule.
"""
