"""Accounts, sign-in sessions, the audit log and workspace settings: who is asking, and what they did."""
