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
  // A wide table scrolls on its own on a phone, so the page never scrolls sideways.
  for (const table of document.querySelectorAll("main table")) {
    if (table.closest(".grid-wrap")) continue;
    const wrap = document.createElement("div");
    wrap.className = "grid-wrap";
    wrap.tabIndex = 0;  // keyboard users can scroll it too
    table.replaceWith(wrap);
    wrap.append(table);
  }
  // Attendance grid: mark changed cells so the person sees what will be saved.
  for (const select of document.querySelectorAll(".grid select")) {
    select.addEventListener("change", () => select.classList.add("changed"));
  }
  // New participant: only the chosen programme's criteria are shown and sent.
  for (const select of document.querySelectorAll("#f-programme")) {
    const sets = document.querySelectorAll("fieldset.criterion[data-programmes]");
    if (!sets.length) continue;
    const show = () => {
      for (const set of sets) {
        const used = set.dataset.programmes.split(" ").includes(select.value);
        set.hidden = !used;
        set.disabled = !used;
      }
      for (const hint of document.querySelectorAll("fieldset.criterion .programmes")) {
        hint.hidden = true;
      }
    };
    select.addEventListener("change", show);
    show();
  }
  // Attendance list: a new participant brings their own default period (their NAV
  // fortnight), unless the person has already changed the dates themselves.
  for (const select of document.querySelectorAll("#al-participant")) {
    const from = document.getElementById("al-from");
    const to = document.getElementById("al-to");
    let shown = select.selectedOptions[0];
    select.addEventListener("change", () => {
      const chosen = select.selectedOptions[0];
      if (shown && from.value === shown.dataset.first && to.value === shown.dataset.last) {
        from.value = chosen.dataset.first;
        to.value = chosen.dataset.last;
      }
      shown = chosen;
    });
  }
});
