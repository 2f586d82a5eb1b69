// Search as you type: the results part of the page is fetched again while typing and swapped in.
// Without this script the search form works the ordinary way.
(() => {
  const input = document.getElementById("q");
  if (!input || location.pathname !== "/") return;
  let timer = 0;
  let latest = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      const ticket = ++latest;
      const url = q ? `/?q=${encodeURIComponent(q)}` : "/";
      const response = await fetch(`${url}${q ? "&" : "?"}fragment=results`, { headers: { accept: "text/html" } });
      if (!response.ok || ticket !== latest) return;
      const results = document.getElementById("results");
      if (!results) return;
      // The server escapes every value in this fragment, exactly as in a full page.
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html").getElementById("results");
      if (fresh) results.replaceWith(fresh);
      history.replaceState(null, "", url);
    }, 150);
  });
})();
