"""Input validation for the referral journey, one module per sub-domain."""
