// The theme choice is kept for a year; the host page reads it so the next page opens in the same theme.
export function rememberTheme(name, value) {
    document.cookie = `${name}=${value}; path=/; max-age=31536000; samesite=lax`;
}
