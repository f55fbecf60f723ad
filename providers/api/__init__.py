"""The market's DRF API: viewsets with their filters, and their serializers."""
