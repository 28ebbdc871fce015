// A form marked data-submit-once cannot be sent twice: once submitted, its buttons are
// disabled and the one labelled data-busy-label says what is going on (a publication of
// 89 regions takes a moment, and a second click must not queue a second one). A static
// file, because the Content-Security-Policy forbids inline scripts.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-submit-once")) {
    return;
  }
  // After the browser has built the form data: a disabled button is left out of it.
  setTimeout(() => {
    for (const button of form.querySelectorAll("button")) {
      button.disabled = true;
      if (button.dataset.busyLabel) {
        button.textContent = button.dataset.busyLabel;
      }
    }
  }, 0);
});
