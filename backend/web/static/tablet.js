// The check-in tablet at the door. A tap on a tile checks in; a tap on a checked-in tile
// asks, and a yes checks out. Each tap is kept in a queue in localStorage with its own
// time and key until the server has it, so taps made without network are sent later.
(() => {
  const QUEUE = "frammote.tablet.queue";
  const RETRY_MS = 5000;
  const ASK_GUARD_MS = 700;  // a double tap cannot answer the question it opened

  const read = () => {
    try {
      const stored = JSON.parse(localStorage.getItem(QUEUE) || "[]");
      return Array.isArray(stored) ? stored : [];
    } catch (error) {
      return [];
    }
  };
  const write = (queue) => localStorage.setItem(QUEUE, JSON.stringify(queue));

  document.addEventListener("DOMContentLoaded", () => {
    const body = document.body;
    if (body.hasAttribute("data-pairing")) {
      localStorage.removeItem(QUEUE);  // taps of an unpaired tablet are not sent anywhere
      return;
    }
    if (!body.classList.contains("board")) return;
    const banner = document.querySelector(".offline");
    const ask = document.querySelector(".ask");
    let offline = false;
    let sending = false;
    let asked = null;

    const key = () => {
      const bytes = new Uint8Array(16);
      crypto.getRandomValues(bytes);
      return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
    };
    const clock = (date) =>
      String(date.getHours()).padStart(2, "0") + ":" + String(date.getMinutes()).padStart(2, "0");

    const show = (tile, state, time) => {
      tile.dataset.state = state;
      tile.classList.remove("state-expected", "state-in", "state-out");
      tile.classList.add("state-" + state);
      if (state === "in" && time) tile.dataset.in = time;
      if (state === "out" && time) tile.dataset.out = time;
      const status = tile.querySelector(".status");
      if (state === "in") status.textContent = body.dataset.in.replace("{time}", tile.dataset.in);
      else if (state === "out") status.textContent = body.dataset.out.replace("{time}", tile.dataset.out);
      else status.textContent = body.dataset.expected;
    };

    const showBanner = () => {
      const waiting = read().length;
      banner.hidden = !offline && waiting === 0;
      banner.querySelector(".offline-text").textContent = offline ? body.dataset.offline : "";
      banner.querySelector(".offline-count").textContent =
        waiting ? body.dataset.waiting.replace("{count}", String(waiting)) : "";
      for (const tile of document.querySelectorAll(".tile")) {
        const queued = read().some((tap) => String(tap.participant) === tile.dataset.participant);
        tile.classList.toggle("queued", queued);
      }
    };

    const flush = async () => {
      if (sending) return;
      sending = true;
      try {
        let queue = read();
        while (queue.length) {
          const tap = queue[0];
          let response;
          try {
            response = await fetch("/tablet/tap", {
              method: "POST",
              headers: { "Content-Type": "application/json" },
              body: JSON.stringify(tap),
              credentials: "same-origin",
            });
          } catch (error) {
            offline = true;
            break;
          }
          if (response.status >= 500) {
            offline = true;
            break;
          }
          offline = false;
          if (response.status === 401) {  // unpaired: the pairing screen
            localStorage.removeItem(QUEUE);
            window.location.reload();
            return;
          }
          queue = read().filter((queued) => queued.key !== tap.key);
          write(queue);
          const tile = document.querySelector(`.tile[data-participant="${tap.participant}"]`);
          if (response.ok && tile) {
            const answer = await response.json();
            show(tile, answer.state, answer.state === "in" ? answer.in : answer.out);
          } else if (tile) {
            // Refused (another day, not expected): the server's state is shown again.
            tile.dataset.refused = "1";
          }
        }
        if (!read().length && document.querySelector('.tile[data-refused="1"]')) {
          window.location.reload();
        }
      } finally {
        sending = false;
        showBanner();
      }
    };

    const record = (tile, action) => {
      const now = new Date();
      const queue = read();
      queue.push({ participant: Number(tile.dataset.participant), action, at: now.toISOString(), key: key() });
      write(queue);
      show(tile, action === "in" ? "in" : "out", clock(now));
      showBanner();
      flush();
    };

    const closeAsk = () => {
      ask.hidden = true;
      asked = null;
    };
    const openAsk = (tile) => {
      asked = tile;
      const face = ask.querySelector(".ask-face");
      face.replaceChildren();
      const picture = tile.querySelector(".face");
      if (picture) face.append(picture.cloneNode(true));
      ask.querySelector(".ask-text").textContent = body.dataset.ask.replace("{name}", tile.dataset.name);
      const buttons = ask.querySelectorAll("button");
      for (const button of buttons) button.disabled = true;
      ask.hidden = false;
      setTimeout(() => { for (const button of buttons) button.disabled = false; }, ASK_GUARD_MS);
    };
    ask.querySelector(".ask-yes").addEventListener("click", () => {
      if (asked) record(asked, "out");
      closeAsk();
    });
    ask.querySelector(".ask-no").addEventListener("click", closeAsk);

    for (const tile of document.querySelectorAll(".tile")) {
      tile.addEventListener("click", () => {
        if (!ask.hidden) return;
        const state = tile.dataset.state;
        if (state === "expected") record(tile, "in");
        else if (state === "in") openAsk(tile);
        // Gone home: nothing more today; staff correct it on the web pages.
      });
    }

    // Taps waiting from before (a reload while offline) are shown as made.
    for (const tap of read()) {
      const tile = document.querySelector(`.tile[data-participant="${tap.participant}"]`);
      if (tile) show(tile, tap.action === "in" ? "in" : "out", clock(new Date(tap.at)));
    }
    window.addEventListener("online", flush);
    window.addEventListener("offline", () => { offline = true; showBanner(); });
    setInterval(() => { if (read().length) flush(); }, RETRY_MS);
    // A new day, another tablet's taps, an unpairing: the board is read anew now and then.
    setInterval(() => {
      if (!read().length && ask.hidden && navigator.onLine) window.location.reload();
    }, 5 * 60 * 1000);
    showBanner();
    flush();
  });
})();
