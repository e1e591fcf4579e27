import { AreaTexts } from './area';

/** SMS-10 on the pages: texts to the person's number are paused, and the other ways they have instead. */
const en = {
  'page.sms_paused.other_ways.sign_in': 'Other ways to sign in',
  'page.sms_paused.other_ways.verify': 'Other ways to verify',
  'page.sms_paused.other_ways.enroll': 'Set up another way',
  'page.sms_paused.none': 'You have no other way set up. Try again later.',
  'page.sms_paused.none.recovery': 'You have no other way set up: use your recovery code.',
  'page.sms_paused.enroll': '{type, select, totp {Set up an authenticator app} webauthn {Set up a passkey} other {Set up another way}}',
  'page.sms_paused.enroll.none': 'No other way can be set up here. Try again later.',
};

export const smsPausedPages: AreaTexts<typeof en> = {
  en,
  fr: {
    'page.sms_paused.other_ways.sign_in': 'Autres moyens de vous connecter',
    'page.sms_paused.other_ways.verify': 'Autres moyens de vérification',
    'page.sms_paused.other_ways.enroll': 'Configurer un autre moyen',
    'page.sms_paused.none': 'Vous n’avez configuré aucun autre moyen. Réessayez plus tard.',
    'page.sms_paused.none.recovery': 'Vous n’avez configuré aucun autre moyen : utilisez votre code de récupération.',
    'page.sms_paused.enroll':
      '{type, select, totp {Configurer une application d’authentification} webauthn {Configurer une clé d’accès} other {Configurer un autre moyen}}',
    'page.sms_paused.enroll.none': 'Aucun autre moyen ne peut être configuré ici. Réessayez plus tard.',
  },
  de: {
    'page.sms_paused.other_ways.sign_in': 'Andere Wege zur Anmeldung',
    'page.sms_paused.other_ways.verify': 'Andere Wege zur Bestätigung',
    'page.sms_paused.other_ways.enroll': 'Einen anderen Weg einrichten',
    'page.sms_paused.none': 'Sie haben keinen anderen Weg eingerichtet. Versuchen Sie es später erneut.',
    'page.sms_paused.none.recovery': 'Sie haben keinen anderen Weg eingerichtet: Verwenden Sie Ihren Wiederherstellungscode.',
    'page.sms_paused.enroll':
      '{type, select, totp {Authenticator-App einrichten} webauthn {Passkey einrichten} other {Einen anderen Weg einrichten}}',
    'page.sms_paused.enroll.none': 'Hier kann kein anderer Weg eingerichtet werden. Versuchen Sie es später erneut.',
  },
  es: {
    'page.sms_paused.other_ways.sign_in': 'Otras formas de iniciar sesión',
    'page.sms_paused.other_ways.verify': 'Otras formas de verificar',
    'page.sms_paused.other_ways.enroll': 'Configurar otro método',
    'page.sms_paused.none': 'No tienes ningún otro método configurado. Inténtalo más tarde.',
    'page.sms_paused.none.recovery': 'No tienes ningún otro método configurado: usa tu código de recuperación.',
    'page.sms_paused.enroll':
      '{type, select, totp {Configurar una aplicación de autenticación} webauthn {Configurar una llave de acceso} other {Configurar otro método}}',
    'page.sms_paused.enroll.none': 'Aquí no se puede configurar ningún otro método. Inténtalo más tarde.',
  },
  'pt-BR': {
    'page.sms_paused.other_ways.sign_in': 'Outras formas de entrar',
    'page.sms_paused.other_ways.verify': 'Outras formas de verificar',
    'page.sms_paused.other_ways.enroll': 'Configurar outro método',
    'page.sms_paused.none': 'Você não tem nenhum outro método configurado. Tente novamente mais tarde.',
    'page.sms_paused.none.recovery': 'Você não tem nenhum outro método configurado: use seu código de recuperação.',
    'page.sms_paused.enroll':
      '{type, select, totp {Configurar um aplicativo autenticador} webauthn {Configurar uma chave de acesso} other {Configurar outro método}}',
    'page.sms_paused.enroll.none': 'Nenhum outro método pode ser configurado aqui. Tente novamente mais tarde.',
  },
  pl: {
    'page.sms_paused.other_ways.sign_in': 'Inne sposoby logowania',
    'page.sms_paused.other_ways.verify': 'Inne sposoby weryfikacji',
    'page.sms_paused.other_ways.enroll': 'Skonfiguruj inny sposób',
    'page.sms_paused.none': 'Nie masz skonfigurowanego innego sposobu. Spróbuj ponownie później.',
    'page.sms_paused.none.recovery': 'Nie masz skonfigurowanego innego sposobu: użyj kodu odzyskiwania.',
    'page.sms_paused.enroll':
      '{type, select, totp {Skonfiguruj aplikację uwierzytelniającą} webauthn {Skonfiguruj klucz dostępu} other {Skonfiguruj inny sposób}}',
    'page.sms_paused.enroll.none': 'Nie można tu skonfigurować innego sposobu. Spróbuj ponownie później.',
  },
  ja: {
    'page.sms_paused.other_ways.sign_in': 'ほかのサインイン方法',
    'page.sms_paused.other_ways.verify': 'ほかの確認方法',
    'page.sms_paused.other_ways.enroll': 'ほかの方法を設定',
    'page.sms_paused.none': 'ほかの方法が設定されていません。しばらくしてからもう一度お試しください。',
    'page.sms_paused.none.recovery': 'ほかの方法が設定されていません。復旧コードを使用してください。',
    'page.sms_paused.enroll': '{type, select, totp {認証アプリを設定} webauthn {パスキーを設定} other {ほかの方法を設定}}',
    'page.sms_paused.enroll.none': 'ここではほかの方法を設定できません。しばらくしてからもう一度お試しください。',
  },
  'zh-Hans': {
    'page.sms_paused.other_ways.sign_in': '其他登录方式',
    'page.sms_paused.other_ways.verify': '其他验证方式',
    'page.sms_paused.other_ways.enroll': '设置其他方式',
    'page.sms_paused.none': '您尚未设置其他方式。请稍后再试。',
    'page.sms_paused.none.recovery': '您尚未设置其他方式：请使用您的恢复码。',
    'page.sms_paused.enroll': '{type, select, totp {设置身份验证器应用} webauthn {设置通行密钥} other {设置其他方式}}',
    'page.sms_paused.enroll.none': '此处无法设置其他方式。请稍后再试。',
  },
};
