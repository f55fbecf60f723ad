"""Pages of the referral journey, one module per step."""
