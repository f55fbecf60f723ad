"""Every state change of the referral journey."""
