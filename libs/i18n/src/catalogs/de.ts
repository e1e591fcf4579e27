import { Catalog } from './en';
import { accountPages } from './pages/account';
import { adminPages } from './pages/admin';
import { enrollmentEmailProofTexts } from './enrollment-email-proof';
import { passkeyPages } from './pages/passkeys';
import { payAndSupportPages } from './pages/pay-and-support';
import { signInPages } from './pages/sign-in';
import { smsPausedPages } from './pages/sms-paused';

/** German, addressing the reader as „Sie“. */
export const de: Catalog = {
  ...signInPages.de,
  ...accountPages.de,
  ...adminPages.de,
  ...payAndSupportPages.de,
  ...passkeyPages.de,
  ...enrollmentEmailProofTexts.de,
  ...smsPausedPages.de,
  'error.validation_failed': 'Die Anfrage enthält ungültige Felder.',
  'error.validation_failed.request': 'Die Anfrage ist ungültig.',
  'error.invalid_json': 'Der Inhalt der Anfrage ist kein gültiges JSON.',
  'error.payload_too_large': 'Der Inhalt der Anfrage ist größer als 16 KiB.',
  'error.unsupported_media_type': 'Der Inhalt der Anfrage hat einen Zeichensatz oder eine Kodierung, die dieser Dienst nicht liest.',
  'error.not_found': 'Unter dieser Adresse gibt es nichts.',
  'error.internal_error': 'Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es später erneut.',
  'error.service_unavailable': 'Der Dienst ist kurz nicht verfügbar. Bitte versuchen Sie es in ein paar Sekunden erneut.',
  'error.service_unavailable.revocation': 'Der Widerruf konnte nicht gespeichert werden. Bitte versuchen Sie es gleich noch einmal.',
  'error.authentication_required': 'Für diese Anfrage ist eine Authentifizierung nötig.',
  'error.too_many_attempts': 'Zu viele Anfragen. Bitte versuchen Sie es später erneut.',
  'error.forbidden': 'Dazu sind Sie nicht berechtigt.',
  'error.not_found.factor': 'Der Faktor wurde nicht gefunden.',
  'error.not_found.sms_factor': 'Der SMS-Faktor wurde nicht gefunden.',
  'error.not_found.enrollment': 'Die Einrichtung wurde nicht gefunden.',
  'error.not_found.challenge': 'Die Überprüfung wurde nicht gefunden.',
  'error.not_found.step_up': 'Die Zusatzbestätigung wurde nicht gefunden.',
  'error.not_found.company': 'Das Unternehmen wurde nicht gefunden.',
  'error.not_found.user': 'Der Benutzer wurde nicht gefunden.',
  'error.not_found.trusted_device': 'Das vertrauenswürdige Gerät wurde nicht gefunden.',
  'error.not_found.active_member': 'Es gibt kein aktives Mitglied mit dieser E-Mail-Adresse.',
  'error.authentication_required.access_token': 'Für diese Anfrage ist ein Zugriffstoken nötig.',
  'error.authentication_required.mfa_token': 'Für diese Anfrage ist das mfaToken Ihrer Anmeldung nötig.',
  'error.authentication_required.service_token': 'Für diese Anfrage ist das Diensttoken nötig.',
  'error.authentication_required.recovery_code': 'Lösen Sie einen Wiederherstellungscode mit dem mfaToken Ihrer Anmeldung ein.',
  'error.invalid_token.access_token': 'Das Zugriffstoken ist ungültig.',
  'error.invalid_token.access_token_expired': 'Das Zugriffstoken ist abgelaufen.',
  'error.invalid_token.service_token': 'Das Diensttoken ist ungültig.',
  'error.invalid_token.mfa_token': 'Das MFA-Token ist ungültig.',
  'error.invalid_token.mfa_token_spent': 'Das MFA-Token ist abgelaufen oder wurde bereits verwendet. Bitte melden Sie sich erneut an.',
  'error.invalid_token.sign_in_ended': 'Diese Anmeldung ist beendet. Bitte melden Sie sich erneut an.',
  'error.invalid_token.sign_in_completed': 'Diese Anmeldung wurde bereits abgeschlossen. Bitte melden Sie sich erneut an.',
  'error.invalid_token.refresh_token': 'Das Aktualisierungstoken ist ungültig.',
  'error.invalid_credentials': 'E-Mail-Adresse oder Passwort ist falsch.',
  'error.session_revoked': 'Die Sitzung wurde widerrufen.',
  'error.session_revoked.account_inactive': 'Das Konto ist nicht mehr aktiv.',
  'error.session_revoked.refresh_token_reused': 'Dieses Aktualisierungstoken wurde bereits verwendet; die Sitzung wurde widerrufen.',
  'error.session_revoked.step_up_failures': 'Zu viele fehlgeschlagene Zusatzbestätigungen: Diese Sitzung wurde abgemeldet.',
  'error.session_expired': 'Die Sitzung ist abgelaufen; bitte melden Sie sich erneut an.',
  'error.mfa_reauth_required': 'Bitte melden Sie sich erneut an und bestätigen Sie mit Ihrem zweiten Faktor.',
  'error.mfa_reauth_required.pay': 'Bitte melden Sie sich erneut bei Pay an und bestätigen Sie mit Ihrem zweiten Faktor.',
  'error.mfa_reauth_required.pay_idle': 'Das Zahlungstool war zu lange inaktiv. Bitte melden Sie sich erneut mit Ihrem zweiten Faktor an.',
  'error.too_many_attempts.passwords': 'Zu viele Passwortversuche. Bitte versuchen Sie es später erneut.',
  'error.too_many_attempts.codes': 'Zu viele falsche Codes. Bitte warten Sie, bevor Sie es erneut versuchen.',
  'error.sso_required': 'Dieses Konto meldet sich über den Identitätsanbieter Ihres Unternehmens an.',
  'error.sso_required.enrollment': 'Ihre MFA wird vom Identitätsanbieter Ihres Unternehmens verwaltet.',
  'error.verification_failed': 'Der Code ist falsch.',
  'error.verification_failed.recovery_code': 'Der Wiederherstellungscode ist falsch.',
  'error.verification_failed.passkey':
    'Der Passkey hat es nicht bestätigt. Versuchen Sie es erneut oder melden Sie sich auf andere Weise an.',
  'error.verification_failed.passkey_cloned':
    'Dieser Passkey wurde abgelehnt: Sein Signaturzähler ist zurückgegangen, was passiert, wenn ein Passkey kopiert wurde. Melden Sie sich auf andere Weise an und informieren Sie Ihren Administrator.',
  'validation.passkey_name': '{field} darf nur Buchstaben, Ziffern, Satzzeichen, Symbole und Leerzeichen enthalten',
  'error.challenge_expired.passkey': 'Diese Passkey-Anfrage ist abgelaufen oder wurde bereits beantwortet. Beginnen Sie erneut.',
  'error.passwordless_not_allowed':
    'Ihr Unternehmen verlangt, dass Sie sich zuerst mit Ihrem Passwort und dann mit Ihrem Passkey anmelden.',
  'error.factor_type_not_allowed.passkeys_off': 'Passkeys sind für diesen Dienst nicht aktiviert.',
  'error.invalid_credentials.passkey': 'Dieser Passkey ist hier nicht registriert. Melden Sie sich mit Ihrem Passwort an.',
  'error.clock_skew_suspected':
    'Der Code passt nicht zur aktuellen Uhrzeit: Die Uhr Ihres Geräts scheint etwa {minutes, plural, one {# Minute} other {# Minuten}} {direction, select, ahead {vorzugehen} other {nachzugehen}}.',
  'error.clock_skew_suspected.advice':
    'Die Uhr Ihres Geräts scheint falsch zu gehen. Stellen Sie Datum und Uhrzeit auf „automatisch“ (Netzwerkzeit) und versuchen Sie es mit einem neuen Code.',
  'error.code_already_used': 'Dieser Code wurde bereits verwendet. Bitte warten Sie auf den nächsten.',
  'error.code_already_used.challenge_verified': 'Diese Überprüfung wurde bereits bestätigt.',
  'error.challenge_failed': 'Zu viele falsche Codes für diese Überprüfung. Bitte starten Sie eine neue.',
  'error.challenge_failed.factor_unusable': 'Dieser Faktor kann nicht mehr verwendet werden.',
  'error.challenge_failed.ended': 'Diese Überprüfung ist beendet. Bitte starten Sie eine neue.',
  'error.challenge_expired': 'Diese Überprüfung ist abgelaufen. Bitte starten Sie eine neue.',
  'error.mfa_attempts_exhausted': 'Zu viele falsche Codes. Bitte melden Sie sich erneut mit Ihrem Passwort an.',
  'error.account_locked':
    'Die MFA dieses Kontos ist nach zu vielen falschen Codes gesperrt. Bitten Sie den Administrator Ihres Unternehmens oder den Support, sie zurückzusetzen.',
  'error.account_locked.now':
    'Die MFA dieses Kontos ist jetzt gesperrt. Bitten Sie den Administrator Ihres Unternehmens oder den Support, sie zurückzusetzen.',
  'error.enrollment_expired': 'Diese Einrichtung ist abgelaufen. Bitte beginnen Sie von vorn.',
  'error.enrollment_not_available': 'Die MFA-Einrichtung ist für Ihr Konto noch nicht freigegeben.',
  'error.enrollment_not_available.prove_existing_factor':
    'Bestätigen Sie mit einem Faktor, den Sie bereits haben; weitere können Sie nach der Anmeldung hinzufügen.',
  'error.enrollment_not_available.recovery_code': 'Fügen Sie zuerst einen Faktor hinzu: Ein Wiederherstellungscode ersetzt einen solchen.',
  'error.factor_type_not_allowed': 'Dieser {factorType}-Faktor kann hier nicht verwendet werden.',
  'error.factor_type_not_allowed.enrollment': 'Ein {factorType}-Faktor kann hier nicht eingerichtet werden.',
  'error.factor_type_not_allowed.account': 'Ein {factorType}-Faktor ist für Ihr Konto hier nicht erlaubt.',
  'error.factor_type_not_allowed.unsupported': '{factorType}-Faktoren werden hier nicht unterstützt.',
  'error.factor_type_not_allowed.resend': 'Nur Überprüfungen, die einen Code senden, können erneut gesendet werden.',
  'error.reauthentication_required':
    'Bestätigen Sie zuerst mit Ihrem zweiten Faktor (POST /v1/challenges) und versuchen Sie es dann erneut.',
  'error.reauthentication_required.reset':
    'Melden Sie sich mit Ihrem zweiten Faktor an, bevor Sie die MFA einer anderen Person zurücksetzen.',
  'error.current_password_incorrect': 'Geben Sie Ihr aktuelles Passwort ein, um Ihre Anmeldemethoden zu ändern.',
  'error.last_factor_required': 'Für Ihr Konto ist MFA vorgeschrieben: Fügen Sie einen weiteren Faktor hinzu, bevor Sie diesen entfernen.',
  'error.factor_proof_required':
    'Dieses Konto hat bereits einen Faktor: Bestätigen Sie einen davon in dieser Anmeldung, bevor Sie einen weiteren hinzufügen.',
  'error.invalid_phone_number': 'Das ist keine gültige Telefonnummer.',
  'error.invalid_phone_number.international_form':
    'Geben Sie die Nummer im internationalen Format ein, beginnend mit + und der Landesvorwahl.',
  'error.invalid_phone_number.not_mobile': 'Diese Nummer kann keine SMS empfangen: Verwenden Sie eine Mobilnummer.',
  'error.phone_country_not_allowed': 'Nummern aus diesem Land ({country}) können hier nicht verwendet werden.',
  'error.phone_country_not_allowed.unknown_country': 'Nummern aus diesem Land können hier nicht verwendet werden.',
  'error.resend_too_soon': 'Gerade wurde ein Code gesendet. Bitte warten Sie, bevor Sie einen weiteren anfordern.',
  'error.sms_quota_exceeded': 'Zu viele SMS. Bitte versuchen Sie es später erneut oder verwenden Sie einen anderen Faktor.',
  'error.sms_temporarily_unavailable':
    'SMS an Nummern wie diese sind vorübergehend ausgesetzt. Verwenden Sie einen anderen Weg: eine Authenticator-App, einen Passkey oder Ihren Wiederherstellungscode.',
  'error.sms_temporarily_unavailable.enrollment':
    'SMS an Nummern wie diese sind vorübergehend ausgesetzt. Richten Sie stattdessen einen anderen Weg ein, etwa eine Authenticator-App.',
  'error.resend_too_soon.backoff':
    'Ihnen wurden in kurzer Zeit mehrere Codes gesendet. Warten Sie {retryAfterSeconds, plural, one {# Sekunde} other {# Sekunden}}, bevor Sie einen weiteren anfordern.',
  'error.not_found.sms_prefix_block': 'Für dieses Präfix besteht keine SMS-Sperre.',
  'error.role_required.payor_enrollment': 'Diese Einrichtung ist für Benutzer mit einer Zahlerrolle.',
  'error.role_required.payee_admin_enrollment': 'Diese Einrichtung ist für Benutzer mit der Rolle Zahlungsempfänger-Admin.',
  'error.role_not_permitted': 'Ihre Pay-Rollen erlauben diesen Vorgang nicht.',
  'error.step_up_required': 'Bestätigen Sie diesen Vorgang mit Ihrem zweiten Faktor (POST /v1/pay/step-ups mit operation „{operation}“).',
  'error.internal_api_disabled': 'Die interne API ist deaktiviert: Es ist kein Diensttoken konfiguriert.',
  'error.email_taken': 'Es gibt bereits einen Benutzer mit dieser E-Mail-Adresse.',
  'error.invalid_pay_role':
    '{payKind, select, none {Ein Unternehmen ohne Pay} payor {Ein Zahler-Unternehmen} other {Ein Zahlungsempfänger-Unternehmen}} kann {roles} nicht vergeben.',
  'error.invalid_enforcement_date': 'Das Stichtagsdatum darf nicht vor heute liegen ({today} in {timeZone}).',
  'error.reset_not_available': 'MFA-Zurücksetzungen sind möglich, solange die MFA-Richtlinie des Unternehmens geplant oder in Kraft ist.',
  'error.cannot_reset_self':
    'Sie können Ihre eigene MFA nicht zurücksetzen; wenden Sie sich an einen anderen Administrator Ihres Unternehmens oder an den Support.',
  'error.sso_user': 'Dieses Mitglied meldet sich über den Identitätsanbieter des Unternehmens an, der seine MFA verwaltet.',
  'error.pay_support_required': 'Dieses Mitglied hat eine Pay-Zahlerrolle: Nur der Plattform-Support kann seine MFA zurücksetzen.',
  'error.pay_support_required.pay': 'Dieser Benutzer hat eine Zahlerrolle: Nur der Plattform-Support kann seine MFA zurücksetzen.',
  'error.support_user': 'Dieser Benutzer gehört zum Plattform-Support: Nur der Support kann seine MFA zurücksetzen.',
  'error.csrf_failed':
    'Dieses Formular ist abgelaufen oder wurde nicht von dieser Website gesendet. Laden Sie die Seite neu und senden Sie es erneut.',

  'validation.well_formed_text': '{field} muss wohlgeformter Text sein',
  'validation.json_object': 'Der Inhalt muss ein JSON-Objekt sein.',
  'validation.unknown_property': 'Eigenschaft {field} ist nicht zulässig',
  'validation.one_of': '{field} muss einer der folgenden Werte sein: {values}',
  'validation.uuid': '{field} muss eine UUID sein',
  'validation.email_address': '{field} muss eine E-Mail-Adresse sein',
  'validation.password_length': '{field} muss 12 bis 1024 Zeichen lang sein',
  'validation.sso_domain': 'jede SSO-Domain muss ein Domainname sein',
  'validation.code_digits': '{field} muss aus 6 Ziffern bestehen',
  'validation.date_format': '{field} muss ein Datum im Format JJJJ-MM-TT sein',
  'validation.calendar_date': '{field} muss ein Kalenderdatum sein (JJJJ-MM-TT)',
  'validation.time_zone': '{field} muss ein IANA-Zeitzonenname sein, zum Beispiel Europe/Berlin',
  'validation.whole_number': '{field} muss eine ganze Zahl sein',
  'validation.boolean': '{field} muss true oder false sein',
  'validation.purpose': '{field} muss sign_in oder proof sein',
  'validation.purpose_proof': 'purpose „proof“ gilt nur für das mfaToken einer Anmeldung',
  'validation.identity_verified': '{field} muss true sein: Prüfen Sie zuerst die Identität des Mitglieds',
  'validation.identity_check_note': '{field} ist nötig, um einen Zahler zurückzusetzen: Geben Sie an, wie die Identität geprüft wurde',
  'validation.phone_number_required': '{field} ist für einen SMS-Faktor erforderlich',
  'validation.operation': '{field} muss einer dieser Vorgänge sein: {values}',
  'validation.operation_unknown': '{field} ist kein bekannter Zahlungsvorgang',
  'validation.locale': '{field} muss eine Sprache sein, die Sitepass spricht: {values}, oder null',

  'sms.code':
    'Ihr Sitepass-Code lautet {code}. Er ist 10 Minuten gültig.\nSitepass-Mitarbeiter fragen nie danach. Geben Sie ihn nicht weiter.',
  'sms.test_message': 'Testnachricht von Sitepass: Dieses Telefon kann Ihre Anmeldecodes empfangen. Sie müssen nichts tun.',

  'email.not_you':
    'Falls Sie das nicht waren, wenden Sie sich sofort an den Administrator Ihres Unternehmens oder an den Sitepass-Support.',
  'email.factor_added.subject': 'Sitepass: Eine Anmeldemethode wurde hinzugefügt',
  'email.factor_added.body':
    '{factorType, select, totp {Eine Authenticator-App wurde} sms {Eine Telefonnummer für SMS wurde} webauthn {Ein Passkey wurde} other {Eine Anmeldemethode wurde}} Ihrem Konto für die Anmeldung in zwei Schritten hinzugefügt.',
  'email.factor_changed.subject': 'Sitepass: Eine Anmeldemethode wurde geändert',
  'email.factor_changed.body':
    'Ihr Konto verwendet jetzt {factorType, select, totp {eine neue Authenticator-App} sms {eine neue Telefonnummer} webauthn {einen neuen Passkey} other {eine neue Anmeldemethode}}; die bisherige funktioniert nicht mehr.',
  'email.factor_removed.subject': 'Sitepass: Eine Anmeldemethode wurde entfernt',
  'email.factor_removed.body':
    '{factorType, select, totp {Eine Authenticator-App wurde} sms {Eine Telefonnummer für SMS wurde} webauthn {Ein Passkey wurde} other {Eine Anmeldemethode wurde}} aus Ihrem Konto entfernt.',
  'email.recovery_code_redeemed.subject': 'Sitepass: Ihr Wiederherstellungscode wurde verwendet',
  'email.recovery_code_redeemed.body':
    'Ihr Wiederherstellungscode wurde gerade für eine Anmeldung verwendet, und ein neuer wurde ausgestellt. Wir empfehlen, Ihre Authenticator-App oder Ihr Telefon neu einzurichten.',
  'email.recovery_code_regenerated.subject': 'Sitepass: Sie haben einen neuen Wiederherstellungscode',
  'email.recovery_code_regenerated.body':
    'Für Ihr Konto wurde ein neuer Wiederherstellungscode erstellt; der bisherige funktioniert nicht mehr.',
  'email.account_locked.subject': 'Sitepass: Die Anmeldung in zwei Schritten ist gesperrt',
  'email.account_locked.body':
    'Nach zu vielen falschen Codes ist die Anmeldung in zwei Schritten für Ihr Konto gesperrt. Der Administrator Ihres Unternehmens oder der Sitepass-Support kann sie zurücksetzen.',
  'email.mfa_reset.subject': 'Sitepass: Ihre Anmeldung in zwei Schritten wurde zurückgesetzt',
  'email.mfa_reset.body':
    'Ihre Anmeldung in zwei Schritten wurde nach Prüfung Ihrer Identität von {resetBy, select, support {dem Sitepass-Support} payee_admin {einem Zahlungsempfänger-Admin von {companyName}} other {einem Administrator von {companyName}}} zurückgesetzt. Alle Ihre Sitzungen wurden abgemeldet; richten Sie bei Ihrer nächsten Anmeldung eine Anmeldemethode ein.',
  'email.policy_announcement.subject': '{companyName} verlangt ab dem {deadline, date, long} die Anmeldung in zwei Schritten',
  'email.policy_announcement.body':
    'Ab dem {deadline, date, long}, {deadline, time, short} Uhr ({timeZone}), verlangt die Anmeldung bei {companyName} die Anmeldung in zwei Schritten mit einer Authenticator-App oder per SMS.',
  'email.policy_reminder.subject': 'Erinnerung: Richten Sie die Anmeldung in zwei Schritten vor dem {deadline, date, long} ein',
  'email.policy_reminder.body':
    '{daysLeft, plural, one {In # Tag} other {In # Tagen}} verlangt {companyName} die Anmeldung in zwei Schritten. Sie haben sie noch nicht eingerichtet.',
  'email.policy.set_up_now':
    'Melden Sie sich an und richten Sie sie jetzt in den Sicherheitseinstellungen Ihres Kontos ein, damit Ihre erste Anmeldung nach dem Stichtag reibungslos klappt.',

  'page.error.request_id': 'Anfrage-ID:',
  'page.error.title.400': 'Ungültige Anfrage',
  'page.error.title.401': 'Anmeldung erforderlich',
  'page.error.title.403': 'Zugriff verweigert',
  'page.error.title.404': 'Nicht gefunden',
  'page.error.title.409': 'Konflikt',
  'page.error.title.413': 'Anfrage zu groß',
  'page.error.title.415': 'Format nicht unterstützt',
  'page.error.title.422': 'Anfrage nicht verarbeitbar',
  'page.error.title.429': 'Zu viele Anfragen',
  'page.error.title.500': 'Interner Fehler',
  'page.error.title.503': 'Dienst nicht verfügbar',
  'page.error.title.other': 'Fehler',
  'error.invalid_id_token': 'Das ID-Token ist ungültig: Melden Sie sich erneut beim Identitätsanbieter Ihres Unternehmens an.',
  'error.unknown_provider': 'Kein Unternehmen hat diesen Identitätsanbieter (Aussteller und Client-ID) für Pay eingerichtet.',
  'error.email_not_verified': 'Ihr Identitätsanbieter hat Ihre E-Mail-Adresse nicht bestätigt, daher kann Pay sie nicht verwenden.',
  'error.invalid_credentials.federated':
    'Kein Benutzer eines Unternehmens, das diesen Identitätsanbieter nutzt, hat hier diese E-Mail-Adresse.',
  'error.service_unavailable.provider_keys':
    'Die Signaturschlüssel des Identitätsanbieters konnten nicht abgerufen werden. Versuchen Sie es gleich noch einmal.',
  'error.not_found.identity_provider': 'Der Identitätsanbieter des Unternehmens wurde nicht gefunden.',
  'error.not_found.user_with_email': 'Es wurde kein Benutzer mit dieser E-Mail-Adresse gefunden.',
  'error.role_required.support_reset': 'Nur der Plattform-Support kann hier die MFA eines Benutzers zurücksetzen.',
  'error.cannot_reset_self.support': 'Sie können Ihre eigene MFA nicht zurücksetzen; bitten Sie ein anderes Mitglied des Supports.',
  'error.invalid_grant':
    'Dieser Code ist ungültig: Er ist abgelaufen, wurde bereits verwendet oder passt nicht zu seinem Verifier. Beginnen Sie von vorn.',
  'validation.identity_check_note.user':
    '{field} ist nötig, um einen Benutzer zurückzusetzen: Geben Sie an, wie die Identität geprüft wurde',
  'validation.identity_verified.user': '{field} muss true sein: Prüfen Sie zuerst die Identität des Benutzers',
  'validation.return_to': '{field} ist keine der konfigurierten Rücksprung-URLs',
  'validation.code_challenge': '{field} muss eine PKCE-Challenge mit S256 sein',
  'validation.provider_url.not_absolute': '{field} muss eine absolute URL sein',
  'validation.provider_url.credentials': '{field} darf weder Benutzername noch Passwort enthalten',
  'validation.provider_url.fragment': '{field} darf kein Fragment haben',
  'validation.provider_url.not_https': '{field} muss https verwenden (einfaches http nur auf einer Loopback-Adresse)',
  'validation.provider_url.query': '{field} darf keine Abfrageparameter haben',
  'validation.compact_jwt': '{field} muss ein kompaktes JWT sein',
};
