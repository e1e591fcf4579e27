/**
 * The pages' one script: conveniences only (WEB-9: every flow works without it). Copy buttons, the countdown
 * of a resend button and of a code's lifetime, WebOTP for texted codes, following the link of a page that only
 * hands over to a company's sign-in, and the browser's time zone as the policy editor's default. Served from
 * /assets with a content hash in its URL, never inline (WEB-7).
 */
export const SCRIPT = `
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // Copy buttons: <button data-copy="#id" data-copied="Copied">.
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var target = document.querySelector(button.getAttribute('data-copy'));
      if (!target || !navigator.clipboard) return;
      navigator.clipboard.writeText(target.textContent.replace(/\\s+/g, ' ').trim()).then(function () {
        var label = button.textContent;
        button.textContent = button.getAttribute('data-copied') || label;
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });

  // Countdowns: <span data-countdown="42" data-enables="#resend">: seconds left, then the button is enabled.
  document.querySelectorAll('[data-countdown]').forEach(function (element) {
    var left = parseInt(element.getAttribute('data-countdown'), 10);
    var enables = element.getAttribute('data-enables');
    var button = enables ? document.querySelector(enables) : null;
    if (button && left > 0) button.disabled = true;
    function show() {
      var minutes = Math.floor(left / 60), seconds = left % 60;
      element.textContent = minutes + ':' + (seconds < 10 ? '0' : '') + seconds;
    }
    show();
    var timer = setInterval(function () {
      left -= 1;
      if (left <= 0) {
        clearInterval(timer);
        left = 0;
        if (button) button.disabled = false;
      }
      show();
    }, 1000);
  });

  // WebOTP: a texted code whose last line is "@host #code" fills the code field (Chrome on Android).
  var otp = document.querySelector('input[autocomplete="one-time-code"][data-webotp]');
  if (otp && 'OTPCredential' in window) {
    var abort = new AbortController();
    if (otp.form) otp.form.addEventListener('submit', function () { abort.abort(); });
    navigator.credentials.get({ otp: { transport: ['sms'] }, signal: abort.signal }).then(function (credential) {
      if (credential && credential.code) { otp.value = credential.code; if (otp.form) otp.form.requestSubmit(); }
    }).catch(function () {});
  }

  // Passkeys (PASSKEY-2, PASSKEY-3): <form data-passkey="register|authenticate" data-passkey-options="{…}"> with
  // a hidden <input name="credential">. Sending the form first runs the ceremony in the browser, through
  // @simplewebauthn/browser (loaded before this script on such pages), then sends its answer as JSON. A cancelled
  // or failed ceremony shows the form's [data-passkey-failed] message and sends nothing.
  document.querySelectorAll('form[data-passkey]').forEach(function (form) {
    var library = window.SimpleWebAuthnBrowser;
    var field = form.querySelector('input[name="credential"]');
    var failed = form.querySelector('[data-passkey-failed]');
    form.querySelectorAll('[data-passkey-unsupported]').forEach(function (element) {
      element.hidden = Boolean(library && library.browserSupportsWebAuthn());
    });
    form.addEventListener('submit', function (event) {
      if (!library || !field || field.value) return;
      event.preventDefault();
      if (failed) failed.hidden = true;
      var optionsJSON = JSON.parse(form.getAttribute('data-passkey-options'));
      var ceremony = form.getAttribute('data-passkey') === 'register'
        ? library.startRegistration({ optionsJSON: optionsJSON })
        : library.startAuthentication({ optionsJSON: optionsJSON });
      ceremony.then(function (credential) {
        field.value = JSON.stringify(credential);
        form.submit();
      }).catch(function () {
        if (failed) { failed.hidden = false; failed.focus(); }
      });
    });
  });

  // A page that only hands over to another site (a company's sign-in, PAY-11) follows its link at once.
  var onward = document.querySelector('a[data-auto-continue]');
  if (onward) window.location.replace(onward.href);

  // A time zone select defaults to the browser's zone: <select data-default-browser-zone="UTC"> replaces the
  // server's fallback (the attribute's value, or no choice) unless the person already chose another. An alias
  // (Asia/Kolkata for Asia/Calcutta) matches by the zone it resolves to.
  document.querySelectorAll('select[data-default-browser-zone]').forEach(function (select) {
    if (select.value && select.value !== select.getAttribute('data-default-browser-zone')) return;
    var resolve = function (name) {
      try { return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone; } catch (e) { return name; }
    };
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone, i;
    for (i = 0; i < select.options.length; i += 1) if (select.options[i].value === zone) return void (select.value = zone);
    zone = resolve(zone);
    for (i = 0; i < select.options.length; i += 1) if (resolve(select.options[i].value) === zone) return void (select.value = select.options[i].value);
  });
})();
`;
