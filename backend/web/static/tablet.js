// The check-in tablet at the door. A tap on a tile checks in; a tap on a checked-in tile
// asks, and a yes checks out; a tap on a tile marked as gone asks whether they are back,
// and a yes opens the visit again. Each tap is kept in a queue in localStorage with its own
// time and key until the server has it, so taps made without network are sent later.
//
// What a send can meet, and what the tablet then does and says:
// - no answer at all (no network): the tap waits and is sent again; "no network";
// - the server answered with an error (5xx, busy, or an answer it would not give): the tap
//   waits and is sent again; the banner says the server failed, not the network;
// - 401/403, the tablet is not paired: the pairing screen;
// - any other 4xx: the tap will never be taken; it leaves the queue, and a short message
//   says whose tap and why, also over the board read anew after it.
(() => {
  const QUEUE = "frammote.tablet.queue";
  const REFUSED = "frammote.tablet.refused";  // the message kept over the reload after a refusal
  const RETRY_MS = 5000;
  const ASK_GUARD_MS = 700;  // a double tap cannot answer the question it opened
  const REFUSED_MS = 12000;  // how long a refused tap's message is shown

  const read = () => {
    try {
      const stored = JSON.parse(localStorage.getItem(QUEUE) || "[]");
      return Array.isArray(stored) ? stored : [];
    } catch (error) {
      return [];
    }
  };
  const write = (queue) => localStorage.setItem(QUEUE, JSON.stringify(queue));

  // Sent again later (the same key changes nothing on the server) or never.
  const unpaired = (status) => status === 401 || status === 403;
  const tryAgain = (status) => status >= 500 || status === 408 || status === 425 || status === 429;

  document.addEventListener("DOMContentLoaded", () => {
    const body = document.body;
    if (body.hasAttribute("data-pairing")) {
      localStorage.removeItem(QUEUE);  // taps of an unpaired tablet are not sent anywhere
      sessionStorage.removeItem(REFUSED);
      return;
    }
    if (!body.classList.contains("board")) return;
    const banner = document.querySelector(".offline");
    const refusedBar = document.querySelector(".refused");
    const ask = document.querySelector(".ask");
    let trouble = null;  // null, "offline" or "server"
    let sending = false;
    let asked = null;
    let refusedTimer = null;

    const key = () => {
      const bytes = new Uint8Array(16);
      crypto.getRandomValues(bytes);
      return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
    };
    const clock = (date) =>
      String(date.getHours()).padStart(2, "0") + ":" + String(date.getMinutes()).padStart(2, "0");
    const tileOf = (participant) => document.querySelector(`.tile[data-participant="${participant}"]`);

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
      banner.hidden = !trouble && waiting === 0;
      banner.classList.toggle("server", trouble === "server");
      banner.querySelector(".offline-text").textContent =
        trouble === "offline" ? body.dataset.offline : trouble === "server" ? body.dataset.serverError : "";
      banner.querySelector(".offline-count").textContent =
        waiting ? body.dataset.waiting.replace("{count}", String(waiting)) : "";
      for (const tile of document.querySelectorAll(".tile")) {
        const queued = read().some((tap) => String(tap.participant) === tile.dataset.participant);
        tile.classList.toggle("queued", queued);
      }
    };

    const showRefused = (lines, until) => {
      clearTimeout(refusedTimer);
      refusedBar.textContent = lines.join("\n");
      refusedBar.hidden = false;
      sessionStorage.setItem(REFUSED, JSON.stringify({ lines, until }));
      refusedTimer = setTimeout(() => {
        refusedBar.hidden = true;
        sessionStorage.removeItem(REFUSED);
      }, Math.max(0, until - Date.now()));
    };

    const refusal = (tap, answer) => {
      const tile = tileOf(tap.participant);
      const reason = answer && typeof answer.error === "string" ? answer.error : body.dataset.refusedReason;
      return body.dataset.refused
        .replace("{name}", tile ? tile.dataset.name : "?")
        .replace("{reason}", reason);
    };

    const flush = async () => {
      if (sending) return;
      sending = true;
      const refused = [];
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
            trouble = "offline";
            break;
          }
          if (unpaired(response.status)) {  // the pairing screen
            localStorage.removeItem(QUEUE);
            window.location.reload();
            return;
          }
          if (tryAgain(response.status)) {
            trouble = "server";
            break;
          }
          let answer = null;
          try {
            answer = await response.json();
          } catch (error) {
            answer = null;
          }
          if (response.ok && !(answer && answer.state)) {
            // Not the server's answer to a tap (a proxy's page, a portal): sent again.
            trouble = "server";
            break;
          }
          trouble = null;
          queue = read().filter((queued) => queued.key !== tap.key);
          write(queue);
          const tile = tileOf(tap.participant);
          if (response.ok) {
            if (tile) show(tile, answer.state, answer.state === "in" ? answer.in : answer.out);
          } else {
            // Refused, and it always would be: out of the queue, and said whose and why.
            refused.push(refusal(tap, answer));
            if (tile) tile.dataset.refused = "1";
          }
        }
        if (refused.length) showRefused(refused, Date.now() + REFUSED_MS);
        if (!read().length && document.querySelector('.tile[data-refused="1"]')) {
          window.location.reload();  // the server's state of the tiles, the message kept
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
      if (action === "out") show(tile, "out", clock(now));
      else show(tile, "in", action === "in" ? clock(now) : null);  // back: in since the morning
      showBanner();
      flush();
    };

    const closeAsk = () => {
      ask.hidden = true;
      asked = null;
    };
    // The question before leaving ("out") or before coming back after a mistaken "gone".
    const openAsk = (tile, action) => {
      asked = { tile, action };
      const face = ask.querySelector(".ask-face");
      face.replaceChildren();
      const picture = tile.querySelector(".face");
      if (picture) face.append(picture.cloneNode(true));
      const question = action === "out" ? body.dataset.ask : body.dataset.askBack;
      ask.querySelector(".ask-text").textContent = question.replace("{name}", tile.dataset.name);
      ask.querySelector(".ask-yes").textContent = action === "out" ? body.dataset.yesOut : body.dataset.yesBack;
      const buttons = ask.querySelectorAll("button");
      for (const button of buttons) button.disabled = true;
      ask.hidden = false;
      setTimeout(() => { for (const button of buttons) button.disabled = false; }, ASK_GUARD_MS);
    };
    ask.querySelector(".ask-yes").addEventListener("click", () => {
      if (asked) record(asked.tile, asked.action);
      closeAsk();
    });
    ask.querySelector(".ask-no").addEventListener("click", closeAsk);

    for (const tile of document.querySelectorAll(".tile")) {
      tile.addEventListener("click", () => {
        if (!ask.hidden) return;
        const state = tile.dataset.state;
        if (state === "expected") record(tile, "in");
        else if (state === "in") openAsk(tile, "out");
        else if (state === "out") openAsk(tile, "back");
      });
    }

    // Taps waiting from before (a reload while offline) are shown as made.
    for (const tap of read()) {
      const tile = tileOf(tap.participant);
      if (!tile) continue;
      if (tap.action === "out") show(tile, "out", clock(new Date(tap.at)));
      else show(tile, "in", tap.action === "in" ? clock(new Date(tap.at)) : null);
    }
    // A refused tap's message, kept over the reload that showed the server's state.
    try {
      const kept = JSON.parse(sessionStorage.getItem(REFUSED) || "null");
      if (kept && Array.isArray(kept.lines) && kept.until > Date.now()) showRefused(kept.lines, kept.until);
      else sessionStorage.removeItem(REFUSED);
    } catch (error) {
      sessionStorage.removeItem(REFUSED);
    }
    window.addEventListener("online", flush);
    window.addEventListener("offline", () => { trouble = "offline"; showBanner(); });
    setInterval(() => { if (read().length) flush(); }, RETRY_MS);
    // A new day, another tablet's taps, an unpairing: the board is read anew now and then.
    setInterval(() => {
      if (!read().length && ask.hidden && navigator.onLine) window.location.reload();
    }, 5 * 60 * 1000);
    showBanner();
    flush();
  });
})();
