import { Catalog } from './en';
import { es } from './es';

/** Spanish for Latin America and the United States: celular, vencer, correo electrónico, «tú». */
export const es419: Catalog = {
  ...es,
  'error.internal_error': 'Algo salió mal de nuestro lado. Vuelve a intentarlo más tarde.',
  'error.service_unavailable.revocation': 'No se pudo registrar la revocación. Vuelve a intentarlo en un momento.',
  'error.invalid_token.access_token_expired': 'El token de acceso venció.',
  'error.invalid_token.mfa_token_spent': 'El token de MFA venció o ya se usó. Vuelve a iniciar sesión.',
  'error.invalid_token.sign_in_completed': 'Este inicio de sesión ya se completó. Vuelve a iniciar sesión.',
  'error.session_revoked': 'Se revocó la sesión.',
  'error.session_revoked.refresh_token_reused': 'Este token de actualización ya se usó; se revocó la sesión.',
  'error.session_revoked.step_up_failures': 'Demasiadas confirmaciones fallidas: se cerró esta sesión.',
  'error.code_already_used': 'Este código ya se usó. Espera el siguiente.',
  'error.code_already_used.challenge_verified': 'Esta verificación ya se completó.',
  'error.challenge_expired': 'Esta verificación venció. Empieza una nueva.',
  'error.enrollment_expired': 'Este registro venció. Vuelve a empezar.',
  'error.enrollment_not_available.prove_existing_factor':
    'Confirma con un factor que ya tengas; puedes agregar otros después de iniciar sesión.',
  'error.enrollment_not_available.recovery_code': 'Primero agrega un factor: un código de recuperación reemplaza a uno.',
  'error.current_password_incorrect': 'Ingresa tu contraseña actual para cambiar tus métodos de inicio de sesión.',
  'error.last_factor_required': 'Tu cuenta requiere MFA: agrega otro factor antes de quitar este.',
  'error.factor_proof_required': 'Esta cuenta ya tiene un factor: verifica uno de ellos en este inicio de sesión antes de agregar otro.',
  'error.invalid_phone_number.international_form': 'Ingresa el número en formato internacional, empezando con + y el código del país.',
  'error.invalid_phone_number.not_mobile': 'Este número no puede recibir mensajes de texto: usa un número de celular.',
  'error.resend_too_soon': 'Se acaba de enviar un código. Espera antes de pedir otro.',
  'error.sms_quota_exceeded': 'Demasiados mensajes de texto. Vuelve a intentarlo más tarde o usa otro factor.',
  'error.csrf_failed': 'Este formulario venció o no se envió desde este sitio. Vuelve a cargar la página y envíalo de nuevo.',
  'sms.code': 'Tu clave de Sitepass es {code} y vence en 10 minutos.\nEl personal de Sitepass nunca pide esta clave. No la compartas.',
  'email.not_you': 'Si no fuiste tú, comunícate de inmediato con el administrador de tu empresa o con el soporte de Sitepass.',
  'email.factor_added.subject': 'Sitepass: se agregó un método de inicio de sesión',
  'email.factor_added.body':
    'Se agregó {factorType, select, totp {una aplicación de autenticación} sms {un número de celular para mensajes de texto} webauthn {una llave de acceso} other {un método de inicio de sesión}} a tu cuenta para la verificación en dos pasos.',
  'email.factor_changed.subject': 'Sitepass: se cambió un método de inicio de sesión',
  'email.factor_changed.body':
    'Tu cuenta ahora usa {factorType, select, totp {una nueva aplicación de autenticación} sms {un nuevo número de celular} webauthn {una nueva llave de acceso} other {un nuevo método de inicio de sesión}}; el anterior ya no funciona.',
  'email.factor_removed.subject': 'Sitepass: se quitó un método de inicio de sesión',
  'email.factor_removed.body':
    'Se quitó {factorType, select, totp {una aplicación de autenticación} sms {un número de celular para mensajes de texto} webauthn {una llave de acceso} other {un método de inicio de sesión}} de tu cuenta.',
  'email.recovery_code_redeemed.subject': 'Sitepass: se usó tu código de recuperación',
  'email.recovery_code_redeemed.body':
    'Se acaba de usar tu código de recuperación para iniciar sesión y se emitió uno nuevo. Te recomendamos volver a configurar tu aplicación de autenticación o tu celular.',
  'email.recovery_code_regenerated.body': 'Se creó un nuevo código de recuperación para tu cuenta; el anterior ya no funciona.',
  'email.mfa_reset.subject': 'Sitepass: se restableció tu verificación en dos pasos',
  'email.mfa_reset.body':
    '{resetBy, select, support {El soporte de Sitepass} payee_admin {Un administrador beneficiario de {companyName}} other {Un administrador de {companyName}}} restableció tu verificación en dos pasos después de verificar tu identidad. Se cerraron todas tus sesiones; configura un método de inicio de sesión la próxima vez que inicies sesión.',
  'email.policy_announcement.body':
    'A partir del {deadline, date, long} a las {deadline, time, short} ({timeZone}), para iniciar sesión en {companyName} se necesita la verificación en dos pasos con una aplicación de autenticación o un mensaje de texto.',
  'email.policy.set_up_now':
    'Inicia sesión y configúrala ahora en la configuración de seguridad de tu cuenta para que tu primer inicio de sesión después de la fecha límite no tenga contratiempos.',
};
