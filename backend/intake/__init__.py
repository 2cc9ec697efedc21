"""The intake with NAV (seed 004): the intake itself, evaluation conversations, the final
report to NAV and the cooperation meeting's minutes."""
