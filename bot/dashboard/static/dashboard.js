// Inside Telegram: every request carries the Mini App's signed initData (no cookie is used there).
// In a browser the pages are plain links and forms; this only refreshes a running broadcast.
"use strict";
(function () {
  const HEADER = "X-Telegram-Init-Data";
  const app = window.Telegram && window.Telegram.WebApp;
  const initData = app && app.initData;
  if (!initData) {
    const live = document.querySelector("[data-refresh-seconds]");
    if (live) setTimeout(() => location.reload(), 1000 * Number(live.dataset.refreshSeconds));
    return;
  }
  app.ready();
  let current = "/";

  function show(html) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    document.title = doc.title;
    document.body.replaceChildren(...doc.body.childNodes);
    const live = document.querySelector("[data-refresh-seconds]");
    if (live) setTimeout(() => open(current), 1000 * Number(live.dataset.refreshSeconds));
  }

  async function fetchPage(url, options) {
    const response = await fetch(url, Object.assign({ headers: { [HEADER]: initData } }, options));
    const type = response.headers.get("Content-Type") || "";
    if (type.startsWith("text/csv")) {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(await response.blob());
      link.download = (response.headers.get("Content-Disposition") || "").split('filename="')[1]?.replace('"', "") || "export.csv";
      link.click();
      return;
    }
    current = new URL(response.url).pathname + new URL(response.url).search;
    show(await response.text());
  }

  function open(url) { return fetchPage(url, {}); }

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href^='/']");
    if (!link) return;
    event.preventDefault();
    open(link.getAttribute("href"));
  });
  document.addEventListener("submit", (event) => {
    const form = event.target;
    event.preventDefault();
    const body = new URLSearchParams(new FormData(form, event.submitter));
    fetchPage(form.getAttribute("action"), { method: "POST", body });
  });
  open("/");
})();
