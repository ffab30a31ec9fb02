"""Referral network (G7): partner organisations, referral status, completion rate."""
