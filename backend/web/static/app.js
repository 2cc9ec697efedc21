// A little progressive enhancement; every page works without it.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
  // Copy a shown secret (a calendar address): the text stays selectable without script.
  for (const button of document.querySelectorAll("[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) {
      button.hidden = true;
      continue;
    }
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(source.textContent.trim());
      button.textContent = button.dataset.copied;
    });
  }
  // On a phone the menu is folded under the line naming the page shown (style.css
  // shows that line there only); on a wider screen it is always open.
  const menu = document.querySelector("nav details.menu");
  if (menu) {
    const narrow = window.matchMedia("(max-width: 40rem)");
    const fold = () => { menu.open = !narrow.matches; };
    fold();
    narrow.addEventListener("change", fold);
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
  // Intake with NAV: one step at a time, Back and Next. The steps are parts of one form,
  // so what was typed stays when one goes back; Next checks the step's own fields.
  for (const form of document.querySelectorAll("form.steps")) {
    const steps = [...form.querySelectorAll("fieldset.step")];
    const count = form.querySelector(".step-count");
    const buttons = form.querySelector(".step-buttons");
    const back = buttons.querySelector('[data-step="back"]');
    const next = buttons.querySelector('[data-step="next"]');
    const summary = form.querySelector(".summary");
    // New or registered participant: only the chosen fields are asked for and sent.
    const choose = () => {
      const who = form.querySelector('input[name="who"]:checked');
      for (const part of form.querySelectorAll("[data-when]")) {
        const used = who && part.dataset.when === who.value;
        part.hidden = !used;
        for (const input of part.querySelectorAll("input, select")) input.disabled = !used;
      }
    };
    for (const radio of form.querySelectorAll('input[name="who"]')) {
      radio.addEventListener("change", choose);
    }
    choose();
    // A registered participant chosen: their decision in force fills the agreement's days,
    // hours, purpose and contact person, so nothing known is typed again or lost.
    const known = form.querySelector('select[name="participant"]');
    if (known) {
      known.addEventListener("change", () => {
        const option = known.selectedOptions[0];
        if (!option || !option.value) return;
        const days = (option.dataset.weekdays || "").split(",");
        for (const box of form.querySelectorAll('input[name="weekdays"]')) {
          box.checked = days.includes(box.value);
        }
        for (const name of ["start", "end", "purpose", "contact"]) {
          const field = form.elements.namedItem(name);
          if (field && option.dataset[name]) field.value = option.dataset[name];
        }
      });
    }
    const describe = () => {
      summary.replaceChildren();
      // A label's words as seen: without the star and the "(må fylles ut)" meant for
      // screen readers beside the field, which would read oddly in the summary.
      const words = (node) => {
        const copy = node.cloneNode(true);
        for (const hidden of copy.querySelectorAll('[aria-hidden="true"], .visually-hidden')) {
          hidden.remove();
        }
        return copy.textContent;
      };
      const add = (term, value) => {
        if (!value.trim()) return;
        const dt = document.createElement("dt");
        dt.textContent = term.trim();
        const dd = document.createElement("dd");
        dd.textContent = value.trim();
        summary.append(dt, dd);
      };
      for (const step of steps) {
        const seen = new Set();
        for (const input of step.querySelectorAll("input, select, textarea")) {
          if (input.disabled || input.type === "hidden" || input.name === "who") continue;
          if (input.type === "radio" || input.type === "checkbox") {
            if (seen.has(input.name)) continue;
            seen.add(input.name);
            const set = input.closest("fieldset");
            if (set.classList.contains("step")) {  // a lone checkbox: its label says it
              const word = input.checked ? summary.dataset.yes : summary.dataset.no;
              add(words(input.closest("label")), word);
              continue;
            }
            const chosen = [...set.querySelectorAll(`input[name="${input.name}"]:checked`)]
              .map((box) => box.closest("label").textContent.trim());
            add(words(set.querySelector("legend")), chosen.join(", "));
            continue;
          }
          const label = input.labels && input.labels[0] ? words(input.labels[0]) : input.name;
          add(label, input.tagName === "SELECT" ? input.selectedOptions[0].textContent : input.value);
        }
      }
    };
    let at = form.dataset.start === "last" ? steps.length - 1 : 0;
    const show = () => {
      steps.forEach((step, index) => { step.hidden = index !== at; });
      back.hidden = at === 0;
      next.hidden = at === steps.length - 1;
      count.hidden = false;
      count.textContent = count.dataset.text
        .replace("{n}", String(at + 1)).replace("{total}", String(steps.length));
      if (at === steps.length - 1) describe();
    };
    back.addEventListener("click", () => {
      at = Math.max(0, at - 1);
      show();
      steps[at].querySelector("legend").scrollIntoView();
    });
    next.addEventListener("click", () => {
      for (const input of steps[at].querySelectorAll("input, select, textarea")) {
        if (!input.disabled && !input.checkValidity()) {
          input.reportValidity();
          return;
        }
      }
      at = Math.min(steps.length - 1, at + 1);
      show();
      const first = steps[at].querySelector("input:not([disabled]), select, textarea");
      if (first) first.focus();
    });
    buttons.hidden = false;
    show();
  }
});
