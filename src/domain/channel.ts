// A send channel's name (email, sms, push): it names the customers attribute consent_<channel>, so it
// must be a safe column-name suffix.
export const CHANNEL = /^[a-z][a-z0-9_]{0,39}$/;
