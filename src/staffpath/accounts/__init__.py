"""Accounts, sign-in sessions, the audit log and workspace settings: who asks, and what they
did."""
