"""Every read query of the referral journey, one module per sub-domain."""
