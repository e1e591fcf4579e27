import { AreaTexts } from './area';

/** The words every passkey ceremony on the pages shares (PASSKEY-2, PASSKEY-3). */
const en = {
  'page.passkey.failed':
    'The passkey did not answer: it was cancelled, timed out, or is not on this device. Try again, or choose another way.',
  'page.passkey.needs_javascript': 'Passkeys need a browser with JavaScript turned on. Choose another way, or turn JavaScript on.',
};

export const passkeyPages: AreaTexts<typeof en> = {
  en,
  fr: {
    'page.passkey.failed':
      'La clé d’accès n’a pas répondu : l’opération a été annulée, a expiré, ou la clé n’est pas sur cet appareil. Réessayez ou choisissez un autre moyen.',
    'page.passkey.needs_javascript':
      'Les clés d’accès nécessitent un navigateur avec JavaScript activé. Choisissez un autre moyen ou activez JavaScript.',
  },
  de: {
    'page.passkey.failed':
      'Der Passkey hat nicht geantwortet: Der Vorgang wurde abgebrochen, ist abgelaufen, oder der Passkey ist nicht auf diesem Gerät. Versuchen Sie es erneut oder wählen Sie einen anderen Weg.',
    'page.passkey.needs_javascript':
      'Passkeys brauchen einen Browser mit aktiviertem JavaScript. Wählen Sie einen anderen Weg oder aktivieren Sie JavaScript.',
  },
  es: {
    'page.passkey.failed':
      'La llave de acceso no respondió: se canceló, caducó o no está en este dispositivo. Inténtalo de nuevo o elige otro método.',
    'page.passkey.needs_javascript':
      'Las llaves de acceso necesitan un navegador con JavaScript activado. Elige otro método o activa JavaScript.',
  },
  'pt-BR': {
    'page.passkey.failed':
      'A chave de acesso não respondeu: a operação foi cancelada, expirou ou a chave não está neste dispositivo. Tente de novo ou escolha outra forma.',
    'page.passkey.needs_javascript':
      'Chaves de acesso precisam de um navegador com JavaScript ativado. Escolha outra forma ou ative o JavaScript.',
  },
  pl: {
    'page.passkey.failed':
      'Klucz dostępu nie odpowiedział: operację anulowano, minął czas albo klucza nie ma na tym urządzeniu. Spróbuj ponownie lub wybierz inny sposób.',
    'page.passkey.needs_javascript':
      'Klucze dostępu wymagają przeglądarki z włączonym JavaScriptem. Wybierz inny sposób lub włącz JavaScript.',
  },
  ja: {
    'page.passkey.failed':
      'パスキーから応答がありませんでした。キャンセルされたか、時間切れか、この端末にパスキーがありません。もう一度試すか、別の方法を選んでください。',
    'page.passkey.needs_javascript':
      'パスキーを使うには JavaScript が有効なブラウザーが必要です。別の方法を選ぶか、JavaScript を有効にしてください。',
  },
  'zh-Hans': {
    'page.passkey.failed': '通行密钥没有响应：操作已取消、已超时，或此设备上没有该通行密钥。请重试，或选择其他方式。',
    'page.passkey.needs_javascript': '通行密钥需要启用了 JavaScript 的浏览器。请选择其他方式，或启用 JavaScript。',
  },
};
