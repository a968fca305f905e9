/* Handbook behaviour: citation previews (hover, focus, tap). Works from file:// — all text is in the page. */
(function () {
  "use strict";
  var open = null;
  var pointer = "mouse";  // touch screens also fire mouseover; only a real mouse hovers
  document.addEventListener("pointerdown", function (e) { pointer = e.pointerType; }, true);
  document.addEventListener("pointermove", function (e) { if (e.pointerType === "mouse") pointer = "mouse"; }, true);
  function close() { if (open) { open.box.remove(); open.link.setAttribute("aria-expanded", "false"); open = null; } }
  function show(link) {
    if (open && open.link === link) return;
    close();
    var box = document.createElement("div");
    box.className = "cite-preview";
    box.setAttribute("role", "tooltip");
    box.id = "cite-preview";
    var id = document.createElement("span");
    id.className = "cite-preview-id";
    id.textContent = "§" + link.getAttribute("data-provision");
    box.appendChild(id);
    box.appendChild(document.createTextNode(link.getAttribute("data-preview") || ""));
    document.body.appendChild(box);
    var r = link.getBoundingClientRect();
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8));
    box.style.left = left + "px";
    box.style.top = (r.bottom + window.scrollY + 6) + "px";
    link.setAttribute("aria-describedby", "cite-preview");
    link.setAttribute("aria-expanded", "true");
    open = { link: link, box: box };
  }
  function citeOf(target) { return target && target.closest ? target.closest("a.cite[data-preview]") : null; }
  document.addEventListener("mouseover", function (e) { var a = citeOf(e.target); if (a && pointer !== "touch") show(a); });
  document.addEventListener("mouseout", function (e) { var a = citeOf(e.target); if (a && open && open.link === a && !a.contains(e.relatedTarget)) close(); });
  document.addEventListener("focusin", function (e) { var a = citeOf(e.target); if (a && pointer === "keyboard") show(a); });
  document.addEventListener("focusout", function (e) { if (citeOf(e.target)) close(); });
  document.addEventListener("keydown", function (e) { pointer = "keyboard"; if (e.key === "Escape") close(); });
  // On touch screens the first tap shows the preview, a second tap follows the link.
  document.addEventListener("click", function (e) {
    var a = citeOf(e.target);
    if (!a) { close(); return; }
    if (pointer === "touch" && !(open && open.link === a)) { e.preventDefault(); show(a); }
  });
})();
