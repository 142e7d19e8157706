"""E-mail subscriptions to a municipality or a promise set: double opt-in, a weekly digest of what
changed, one-click unsubscribe (RFC 8058). Addresses are used for these mails only, deleted on
unsubscribe, and never shown in any public output."""
