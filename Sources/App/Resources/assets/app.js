// Progressive enhancements only: every page works without this file.
document.addEventListener("click", function (event) {
  var copy = event.target.closest("[data-copy]");
  if (copy) {
    var source = document.getElementById(copy.getAttribute("data-copy"));
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        var label = copy.textContent;
        copy.textContent = "Copied";
        setTimeout(function () { copy.textContent = label; }, 1500);
      });
    }
  }
});
document.addEventListener("submit", function (event) {
  var button = event.submitter || event.target.querySelector("[data-confirm]");
  var message = button && button.getAttribute("data-confirm");
  if (message && !window.confirm(message)) { event.preventDefault(); }
});

// Masked values: a [data-reveal] button inside [data-secret] shows or hides its .secret-text.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-reveal]");
  if (!button) { return; }
  var holder = button.closest("[data-secret]");
  var text = holder && holder.querySelector(".secret-text");
  var mask = holder && holder.querySelector(".secret-mask");
  if (!text) { return; }
  var show = text.hidden;
  text.hidden = !show;
  if (mask) { mask.hidden = show; }
  button.textContent = show ? "Hide" : "Reveal";
  button.setAttribute("aria-pressed", show ? "true" : "false");
});

// Live logs: <div data-log-stream="/api/..."> with [data-log-output], [data-log-status],
// [data-log-pause] and [data-log-clear] inside. Each event's data is {process, stream, time, line}.
(function () {
  var MAX_LINES = 5000;

  function LogView(root) {
    this.root = root;
    this.url = root.getAttribute("data-log-stream");
    this.output = root.querySelector("[data-log-output]");
    this.status = root.querySelector("[data-log-status]");
    this.pauseButton = root.querySelector("[data-log-pause]");
    this.paused = false;
    this.pending = [];
    this.opened = 0;
    this.retryDelay = 1000;
    this.processColours = {};
    this.bind();
    this.connect();
  }

  LogView.prototype.bind = function () {
    var view = this;
    if (view.pauseButton) {
      view.pauseButton.addEventListener("click", function () {
        view.paused = !view.paused;
        view.pauseButton.textContent = view.paused ? "Resume" : "Pause";
        view.pauseButton.setAttribute("aria-pressed", view.paused ? "true" : "false");
        if (!view.paused) {
          view.pending.forEach(function (line) { view.output.appendChild(line); });
          view.pending = [];
          view.trim();
          view.scroll(true);
          if (view.source && view.source.readyState === EventSource.OPEN) { view.setStatus("Live", "live"); }
        }
      });
    }
    var clear = view.root.querySelector("[data-log-clear]");
    if (clear) {
      clear.addEventListener("click", function () { view.output.textContent = ""; view.pending = []; });
    }
  };

  LogView.prototype.setStatus = function (text, state) {
    if (!this.status) { return; }
    this.status.textContent = text;
    this.status.classList.toggle("is-live", state === "live");
    this.status.classList.toggle("is-lost", state === "lost");
  };

  LogView.prototype.connect = function () {
    var view = this;
    var source = new EventSource(view.url);
    view.source = source;
    source.onopen = function () {
      // Every connection replays the recent history, so start over instead of showing it twice.
      if (view.opened > 0 && (view.output.childNodes.length > 0 || view.pending.length > 0)) {
        view.output.textContent = "";
        view.pending = [];
        view.append({ process: "panel", stream: "system", time: null, line: "Reconnected: showing the recent lines again." });
      }
      view.opened += 1;
      view.received = 0;
      view.retryDelay = 1000;
      view.setStatus("Live", "live");
    };
    source.onmessage = function (event) {
      var entry;
      try { entry = JSON.parse(event.data); } catch (e) { return; }
      view.received += 1;
      view.append(entry);
    };
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) {
        // The server refused the stream (for example the container engine is down): say why, retry later.
        source.close();
        view.explainAndRetry();
      } else if (view.received === 0 && view.output.childNodes.length === 0) {
        // The server ended at once with nothing to send: no process runs yet. The browser asks again.
        view.setStatus("No running processes yet; checking again…", "");
      } else {
        view.setStatus("Connection lost, retrying…", "lost");
      }
    };
  };

  LogView.prototype.explainAndRetry = function () {
    var view = this;
    var delay = view.retryDelay;
    view.retryDelay = Math.min(view.retryDelay * 2, 30000);
    var retry = function (reason) {
      view.setStatus("Connection lost" + (reason ? ": " + reason : "") + " Retrying in " + Math.round(delay / 1000) + " s…", "lost");
      setTimeout(function () { view.connect(); }, delay);
    };
    if (!window.fetch) { retry(""); return; }
    var probe = view.url + (view.url.indexOf("?") < 0 ? "?" : "&") + "follow=0&lines=0";
    fetch(probe, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.ok) { return null; }
        return response.json().then(function (body) { return body && body.error && body.error.message; }, function () { return "HTTP " + response.status + "."; });
      })
      .then(function (message) { retry(message || ""); }, function () { retry(""); });
  };

  LogView.prototype.colour = function (process) {
    if (!(process in this.processColours)) {
      this.processColours[process] = Object.keys(this.processColours).length % 6;
    }
    return "log-proc-" + this.processColours[process];
  };

  LogView.prototype.append = function (entry) {
    var line = document.createElement("span");
    var stream = entry.stream === "stderr" ? "stderr" : (entry.stream === "system" ? "system" : "stdout");
    line.className = "log-line log-" + stream;
    if (entry.time) {
      var time = document.createElement("span");
      time.className = "log-time";
      var parsed = new Date(entry.time);
      time.textContent = isNaN(parsed.getTime()) ? String(entry.time) : parsed.toISOString().replace("T", " ").slice(0, 19);
      line.appendChild(time);
    }
    var process = document.createElement("span");
    process.className = "log-process " + this.colour(entry.process || "app");
    process.textContent = "[" + (entry.process || "app") + (entry.task ? "." + entry.task.slice(0, 6) : "") + "]";
    line.appendChild(process);
    var text = document.createElement("span");
    text.className = "log-text";
    text.textContent = entry.line == null ? "" : String(entry.line);
    line.appendChild(text);
    line.appendChild(document.createTextNode("\n"));
    if (this.paused) {
      this.pending.push(line);
      if (this.pending.length > MAX_LINES) { this.pending.shift(); }
      this.setStatus("Paused: " + this.pending.length + " new lines waiting", "live");
      return;
    }
    var atBottom = this.output.scrollHeight - this.output.scrollTop - this.output.clientHeight < 40;
    this.output.appendChild(line);
    this.trim();
    this.scroll(atBottom);
  };

  LogView.prototype.trim = function () {
    while (this.output.childNodes.length > MAX_LINES) { this.output.removeChild(this.output.firstChild); }
  };

  LogView.prototype.scroll = function (follow) {
    if (follow) { this.output.scrollTop = this.output.scrollHeight; }
  };

  function start() {
    if (!window.EventSource) { return; }
    var views = document.querySelectorAll("[data-log-stream]");
    for (var i = 0; i < views.length; i++) { new LogView(views[i]); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// A node's install output: follows the running install, then reloads to show the outcome.
(function () {
  var log = document.querySelector("[data-install-stream]");
  if (!log || !window.EventSource) { return; }
  var state = document.getElementById("install-state");
  var source = new EventSource(log.getAttribute("data-install-stream"));
  // The server replays the whole run to every new connection, reconnects included.
  source.onopen = function () { log.textContent = ""; };
  source.onmessage = function (event) {
    log.appendChild(document.createTextNode(event.data + "\n"));
    log.scrollTop = log.scrollHeight;
  };
  source.addEventListener("end", function (event) {
    source.close();
    if (state) { state.textContent = "Finished: the node is " + event.data + "."; }
    setTimeout(function () { window.location.reload(); }, 1500);
  });
})();

// Build log: [data-build-log="/api/..."] follows a deployment's log (Server-Sent Events). The page
// already shows what was stored; the stream replays the whole log, so the text is replaced on open.
(function () {
  var root = document.querySelector("[data-build-log]");
  if (!root || !window.EventSource) { return; }
  var output = root.querySelector("[data-build-log-output]");
  var status = root.querySelector("[data-build-log-status]");
  var source = new EventSource(root.getAttribute("data-build-log"));
  var fresh = true;
  source.onmessage = function (event) {
    if (fresh) { output.textContent = ""; fresh = false; }
    output.textContent += event.data + "\n";
    output.scrollTop = output.scrollHeight;
  };
  source.addEventListener("end", function (event) {
    if (status) { status.textContent = event.data; }
    var stat = document.getElementById("deployment-status");
    if (stat) { stat.textContent = event.data; }
    var cancel = document.querySelector("[data-build-cancel]");
    if (cancel) { cancel.remove(); }
    root.setAttribute("data-build-log-done", event.data);
    source.close();
  });
})();
