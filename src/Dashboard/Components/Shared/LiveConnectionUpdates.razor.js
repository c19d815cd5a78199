// Tells the page's live updates when its tab is hidden or shown again, so a background tab stops reading on every change
// and catches up once when someone looks at it.
const watching = new Map();
let nextId = 0;

export function watchVisibility(updates) {
    const id = ++nextId;
    const report = () => updates.invokeMethodAsync('VisibilityChanged', document.visibilityState === 'visible').catch(() => { });
    watching.set(id, report);
    document.addEventListener('visibilitychange', report);
    if (document.visibilityState !== 'visible') {
        report();
    }
    return id;
}

export function stopWatching(id) {
    const report = watching.get(id);
    if (report) {
        document.removeEventListener('visibilitychange', report);
        watching.delete(id);
    }
}
