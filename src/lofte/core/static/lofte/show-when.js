/* Löfte – fields that matter only for some choices, progressive enhancement only.
 *
 * <div data-show-when="id_status" data-show-values="no_action not_ours"> is shown only while the
 * control with that id has one of those values. Without JavaScript every field is shown (and the
 * server checks what each choice requires), so the form always works. No inline script (CSP).
 */
(function () {
  "use strict";

  function update(group, control) {
    var values = (group.getAttribute("data-show-values") || "").split(/\s+/);
    group.hidden = values.indexOf(control.value) === -1;
  }

  function start() {
    var groups = document.querySelectorAll("[data-show-when]");
    Array.prototype.forEach.call(groups, function (group) {
      var control = document.getElementById(group.getAttribute("data-show-when"));
      if (!control) { return; }
      // A field with an error stays in view whatever the choice, so the message is seen.
      if (group.querySelector(".error")) { return; }
      update(group, control);
      control.addEventListener("change", function () { update(group, control); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
