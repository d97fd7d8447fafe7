/* 知恵ラボ: small progressive enhancements for taking part in a conversation.
   Everything works without this script; it only
   - sends a vote without reloading the page and shows the next statement in place, moving focus
     to it and announcing the change in the page's live region;
   - shows how much room is left while writing a statement, weighing characters the way the
     server does (a wide character — kanji, kana, full-width forms — counts 2, anything else 1).
   No framework, no external resources. */
(function () {
  "use strict";

  /* The same ranges as sosei_core::deliberation::is_wide_character. */
  var WIDE_RANGES = [
    [0x1100, 0x115f], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff],
    [0xa000, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xff60],
    [0xffe0, 0xffe6], [0x20000, 0x3fffd]
  ];

  function isWide(codePoint) {
    for (var i = 0; i < WIDE_RANGES.length; i++) {
      if (codePoint >= WIDE_RANGES[i][0] && codePoint <= WIDE_RANGES[i][1]) return true;
    }
    return false;
  }

  /* The weighted length, after the same clean-up the server does (NFKC, trimmed, runs of spaces as one). */
  function textWeight(text) {
    var cleaned = text.normalize ? text.normalize("NFKC") : text;
    cleaned = cleaned.trim().split(/\s+/).join(" ");
    var weight = 0;
    for (var ch of cleaned) weight += isWide(ch.codePointAt(0)) ? 2 : 1;
    return weight;
  }

  function fill(template, values) {
    return template.replace(/%(\w+)%/g, function (_, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : "";
    });
  }

  /* --- the remaining-characters counter ------------------------------------------------------ */

  function enhanceCounter(form) {
    var textarea = form.querySelector("textarea");
    var counter = form.querySelector(".char-counter");
    if (!textarea || !counter) return;
    var max = parseInt(counter.getAttribute("data-max"), 10);
    var template = counter.getAttribute("data-template") || "%remaining%";
    var overTemplate = counter.getAttribute("data-over-template") || "%over%";
    var lastState = null;
    function update() {
      var weight = textWeight(textarea.value);
      var remaining = max - weight;
      // Two weight units make one Japanese character: say both, as the hint does.
      var text = remaining >= 0
        ? fill(template, { remaining: remaining, remainingJa: Math.floor(remaining / 2) })
        : fill(overTemplate, { over: -remaining, overJa: Math.ceil(-remaining / 2) });
      counter.textContent = text;
      var over = remaining < 0;
      counter.classList.toggle("char-counter-over", over);
      // Announce only when crossing the limit, not on every keystroke.
      var state = over ? "over" : remaining < 20 ? "near" : "ok";
      counter.setAttribute("aria-live", state !== lastState && state !== "ok" ? "polite" : "off");
      lastState = state;
    }
    counter.hidden = false;
    textarea.addEventListener("input", update);
    update();
  }

  /* --- voting without a reload --------------------------------------------------------------- */

  function announce(message) {
    var region = document.getElementById("vote-status");
    if (!region) return;
    // Clearing first makes screen readers announce a message even when it repeats.
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  /* Submit the ordinary way, keeping the chosen answer (form.submit() drops the button's value). */
  function submitPlainly(form, choice) {
    form.removeAttribute("data-vote-form");
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = "choice";
    hidden.value = choice;
    form.appendChild(hidden);
    form.submit();
  }

  function onVoteSubmit(event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-vote-form")) return;
    var submitter = event.submitter;
    if (!submitter || submitter.name !== "choice" || !window.fetch) return;
    event.preventDefault();
    var choice = submitter.value;
    var data = new URLSearchParams(new FormData(form));
    data.set("choice", choice);
    var token = form.querySelector("input[name='csrf_token']");
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (button) { button.disabled = true; });
    form.setAttribute("aria-busy", "true");

    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Accept": "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
        "X-CSRF-Token": token ? token.value : ""
      },
      body: data.toString()
    })
      .then(function (response) {
        if (!response.ok) throw new Error("vote refused: " + response.status);
        return response.json();
      })
      .then(function (result) {
        var area = document.getElementById("voting-area");
        if (!area || typeof result.html !== "string") throw new Error("unexpected answer");
        var holder = document.createElement("div");
        holder.innerHTML = result.html;
        var replacement = holder.firstElementChild;
        if (!replacement) throw new Error("empty answer");
        area.replaceWith(replacement);
        var focusTarget = document.getElementById("current-statement") ||
          document.getElementById("vote-history-heading");
        if (focusTarget) {
          if (!focusTarget.hasAttribute("tabindex")) focusTarget.setAttribute("tabindex", "-1");
          focusTarget.focus();
        }
        if (result.announcement) announce(result.announcement);
      })
      .catch(function () {
        // Let the server answer with a full page (and its message) instead.
        submitPlainly(form, choice);
      });
  }

  function start() {
    document.querySelectorAll("form[data-statement-form]").forEach(enhanceCounter);
    document.addEventListener("submit", onVoteSubmit);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* --- deliberation: results ---
   Keeps results in view current while the analysis is recomputed in the background: every
   element with data-results-json polls that small JSON address every 1.5 s (only while the tab is
   visible). When the analysis changed (a new version: when it was computed, on how many votes),
   the results page reloads its body in place and announces it in its live region; the "where you
   stand" box on the conversation page updates its sentence. Without this script a plain reload shows the same. */
(function () {
  "use strict";

  var POLL_MILLISECONDS = 1500;

  function refreshResultsBody(element) {
    return fetch(window.location.pathname, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("results-body");
        if (!fresh) return;
        element.innerHTML = fresh.innerHTML;
        element.setAttribute("data-version", fresh.getAttribute("data-version") || "");
        var status = document.getElementById("results-status");
        if (status) status.textContent = status.getAttribute("data-updated-message") || "";
      });
  }

  function poll(element) {
    if (document.hidden) return Promise.resolve();
    var address = element.getAttribute("data-results-json");
    var shown = element.getAttribute("data-version");
    /* With the version shown, the server answers "unchanged" cheaply when nothing is new. */
    if (shown) address += (address.indexOf("?") < 0 ? "?" : "&") + "since=" + encodeURIComponent(shown);
    return fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || !data.version) return;
        var known = element.getAttribute("data-version");
        if (known === data.version) return;
        if (element.hasAttribute("data-results-live")) {
          /* The first answer on a page rendered before any analysis also counts as a change. */
          return refreshResultsBody(element);
        }
        element.setAttribute("data-version", data.version);
        var sentence = element.querySelector("[data-your-group]");
        if (sentence && data.your_group && data.your_group.text) {
          sentence.textContent = data.your_group.text;
        }
      })
      .catch(function () { /* Offline for a moment: try again at the next tick. */ });
  }

  function start() {
    var elements = document.querySelectorAll("[data-results-json]");
    elements.forEach(function (element) {
      var busy = false;
      window.setInterval(function () {
        if (busy) return;
        busy = true;
        poll(element).then(function () { busy = false; }, function () { busy = false; });
      }, POLL_MILLISECONDS);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
