// A little progressive enhancement; every page works without it.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }
  // Attendance grid: mark changed cells so the person sees what will be saved.
  for (const select of document.querySelectorAll(".grid select")) {
    select.addEventListener("change", () => select.classList.add("changed"));
  }
});
