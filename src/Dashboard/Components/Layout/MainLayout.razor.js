// The theme choice is kept for a year; the host page reads it so the next page opens in the same theme.
export function rememberTheme(name, value) {
    document.cookie = `${name}=${value}; path=/; max-age=31536000; samesite=lax`;
}

let reportingActivity = false;

// Tells the server, at most once per interval, that someone pressed a key or pointer here. Work inside an open page
// travels over its circuit, which carries no sign-in cookie, so without this the session would look idle and end
// under a user who is busy on one page; a page left alone reports nothing and ends on time.
export function reportActivity(url, intervalMilliseconds) {
    if (reportingActivity) {
        return;
    }

    reportingActivity = true;
    let reportedAt = Date.now();
    const report = () => {
        const now = Date.now();
        if (now - reportedAt < intervalMilliseconds) {
            return;
        }

        reportedAt = now;
        fetch(url, { method: 'POST', credentials: 'same-origin' }).catch(() => { });
    };
    for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart']) {
        addEventListener(type, report, { capture: true, passive: true });
    }
}
