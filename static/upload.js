/* Progress of an upload on the import form (form[data-progress]). Without this script,
 * or for pasted text, the form posts as usual; with a file chosen it is sent by
 * XMLHttpRequest, its progress shown in the form's <progress>, and the answer (the
 * result page, or the form with its error) replaces the page. */
(function () {
  'use strict';
  function arm() {
    var form = document.querySelector('form[data-progress]');
    if (!form || !window.XMLHttpRequest || !window.FormData || !window.DOMParser) return;
    var box = form.querySelector('.progress');
    var bar = box && box.querySelector('progress');
    var file = form.querySelector('input[type=file]');
    if (!bar || !file) return;
    form.addEventListener('submit', function (ev) {
      if (!file.files || !file.files.length) return;
      ev.preventDefault();
      var x = new XMLHttpRequest();
      x.open('POST', form.action);
      x.upload.onprogress = function (p) {
        if (!p.lengthComputable) return;
        bar.max = p.total;
        bar.value = p.loaded;
        bar.setAttribute('aria-valuetext', Math.round(100 * p.loaded / p.total) + '%');
      };
      x.onload = function () {
        var d = new DOMParser().parseFromString(x.responseText, 'text/html');
        document.title = d.title;
        document.body.replaceWith(document.adoptNode(d.body));
        arm();
        var h = document.querySelector('main h1');
        if (h) { h.setAttribute('tabindex', '-1'); h.focus(); }
      };
      x.onerror = function () {
        box.hidden = true;
        form.submit();
      };
      box.hidden = false;
      x.send(new FormData(form));
    });
  }
  arm();
})();
