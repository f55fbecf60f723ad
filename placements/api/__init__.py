"""The API: DRF views (and their serializers) of the referral journey and the 903 export."""
