const modal = document.getElementById("components-reconnect-modal");

document.getElementById("reconnect-retry").addEventListener("click", retry);
document.getElementById("reconnect-reload").addEventListener("click", () => location.reload());

// The server restarted or dropped the circuit: its state is gone, so a fresh page is the only way forward.
new MutationObserver(() => {
    if (modal.classList.contains("components-reconnect-rejected")) {
        location.reload();
    }
}).observe(modal, { attributes: true, attributeFilter: ["class"] });

async function retry() {
    modal.classList.remove("components-reconnect-failed");
    modal.classList.add("components-reconnect-show");
    try {
        if (!await Blazor.reconnect()) {
            location.reload();
        }
    } catch {
        modal.classList.remove("components-reconnect-show");
        modal.classList.add("components-reconnect-failed");
    }
}
