import { Catalog } from './en';
import { fr } from './fr';

/** French as Canada writes it: courriel, texto, cellulaire, soutien. Every other message is France's. */
export const frCA: Catalog = {
  ...fr,
  // ABUSE-16, in Canada's words.
  'error.email_code_invalid':
    'Le code reçu par courriel est incorrect. {attemptsLeft, plural, =0 {Plus aucun essai : recommencez la configuration.} one {# essai restant.} other {# essais restants.}}',
  'error.email_code_expired':
    'Le code reçu par courriel a expiré ou a été essayé trop de fois. Recommencez la configuration pour en recevoir un nouveau.',
  'error.too_many_attempts.enrollment_emails': 'Trop de courriels de configuration ont été envoyés à ce compte. Réessayez plus tard.',
  'validation.email_code_required': '{field} est obligatoire : saisissez le code à 6 chiffres envoyé par courriel au compte',
  'page.enroll.email_code': 'Code du courriel envoyé à {maskedEmail}',
  'page.enroll.email_code.hint':
    'Pour vérifier que ce compte est bien le vôtre, nous vous avons envoyé un code à 6 chiffres par courriel. Il expire dans 10 minutes.',
  'page.enroll.email_code.required': 'Saisissez le code à 6 chiffres reçu par courriel.',
  'error.not_found.active_member': 'Aucun membre actif n’utilise ce courriel.',
  'error.invalid_credentials': 'Le courriel ou le mot de passe est incorrect.',
  'error.email_taken': 'Un utilisateur avec ce courriel existe déjà.',
  'error.invalid_phone_number.not_mobile': 'Ce numéro ne peut pas recevoir de textos : utilisez un numéro de cellulaire.',
  'error.sms_quota_exceeded': 'Trop de textos envoyés. Réessayez plus tard ou utilisez un autre facteur.',
  'error.account_locked':
    'La MFA de ce compte est verrouillée après trop de codes erronés. Demandez à l’administrateur de votre entreprise ou au soutien technique de la réinitialiser.',
  'error.account_locked.now':
    'La MFA de ce compte est maintenant verrouillée. Demandez à l’administrateur de votre entreprise ou au soutien technique de la réinitialiser.',
  'error.cannot_reset_self':
    'Vous ne pouvez pas réinitialiser votre propre MFA; demandez à un autre administrateur de votre entreprise ou au soutien technique.',
  'error.pay_support_required': 'Ce membre a un rôle de payeur Pay : seul le soutien technique de la plateforme peut réinitialiser sa MFA.',
  'error.pay_support_required.pay':
    'Cet utilisateur a un rôle de payeur : seul le soutien technique de la plateforme peut réinitialiser sa MFA.',
  'error.support_user':
    'Cet utilisateur fait partie du soutien technique de la plateforme : seul le soutien technique peut réinitialiser sa MFA.',
  'validation.email_address': '{field} doit être une adresse courriel',
  'sms.test_message': "Message test de Sitepass : ce cellulaire peut recevoir vos codes de connexion. Aucune action n'est requise.",
  'email.not_you':
    'Si ce n’était pas vous, communiquez immédiatement avec l’administrateur de votre entreprise ou le soutien technique de Sitepass.',
  'email.factor_added.body':
    '{factorType, select, totp {Une application d’authentification a été ajoutée} sms {Un numéro de cellulaire pour les textos a été ajouté} webauthn {Une clé d’accès a été ajoutée} other {Une méthode de connexion a été ajoutée}} à votre compte pour la connexion en deux étapes.',
  'email.factor_removed.body':
    '{factorType, select, totp {Une application d’authentification a été supprimée} sms {Un numéro de cellulaire pour les textos a été supprimé} webauthn {Une clé d’accès a été supprimée} other {Une méthode de connexion a été supprimée}} de votre compte.',
  'email.recovery_code_redeemed.body':
    'Votre code de récupération vient d’être utilisé pour vous connecter, et un nouveau code a été émis. Nous vous recommandons de configurer à nouveau votre application d’authentification ou votre cellulaire.',
  'email.account_locked.body':
    'Après trop de codes erronés, la connexion en deux étapes à votre compte est verrouillée. L’administrateur de votre entreprise ou le soutien technique de Sitepass peut la réinitialiser.',
  'email.mfa_reset.body':
    'Votre connexion en deux étapes a été réinitialisée par {resetBy, select, support {le soutien technique de Sitepass} payee_admin {un administrateur bénéficiaire de {companyName}} other {un administrateur de {companyName}}} après vérification de votre identité. Toutes vos sessions ont été fermées; configurez une méthode de connexion lors de votre prochaine connexion.',
  'email.policy_announcement.body':
    'À partir du {deadline, date, long} à {deadline, time, short} ({timeZone}), la connexion à {companyName} exige la connexion en deux étapes avec une application d’authentification ou un texto.',
};
