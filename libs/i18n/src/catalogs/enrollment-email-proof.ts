import { AreaTexts } from './pages/area';

/**
 * ABUSE-16: the code emailed to the account when a sign-in enrolls its first factor, in every language: the
 * API's errors, the email, and the pages' field. `{code}` is given only by the worker, at send time.
 */
const en = {
  'error.email_code_invalid':
    'The code from the email is not correct. {attemptsLeft, plural, =0 {No tries are left: start setting up again.} one {# try left.} other {# tries left.}}',
  'error.email_code_expired': 'The code from the email has expired or was tried too many times. Start setting up again to get a new one.',
  'error.too_many_attempts.enrollment_emails': 'Too many setup emails were sent to this account. Try again later.',
  'validation.email_code_required': '{field} is required: enter the 6-digit code we emailed to the account',
  'email.enrollment_email_code.subject': 'Sitepass: your code to finish setting up two-step verification',
  'email.enrollment_email_code.body':
    'Your code to finish setting up two-step verification: {code}\n\nIt expires in 10 minutes. Sitepass staff will never ask you for it.',
  'email.enrollment_email_code.not_you':
    'If you did not just sign in, do not use this code and change your password right away: someone else knows it.',
  'page.enroll.email_code': 'Code from the email we sent to {maskedEmail}',
  'page.enroll.email_code.hint': 'To check that this account is yours, we emailed you a 6-digit code. It expires in 10 minutes.',
  'page.enroll.email_code.required': 'Enter the 6-digit code from the email.',
};

export const enrollmentEmailProofTexts: AreaTexts<typeof en> = {
  en,
  fr: {
    'error.email_code_invalid':
      'Le code reçu par e-mail est incorrect. {attemptsLeft, plural, =0 {Plus aucun essai : recommencez la configuration.} one {# essai restant.} other {# essais restants.}}',
    'error.email_code_expired':
      'Le code reçu par e-mail a expiré ou a été essayé trop de fois. Recommencez la configuration pour en recevoir un nouveau.',
    'error.too_many_attempts.enrollment_emails': 'Trop d’e-mails de configuration ont été envoyés à ce compte. Réessayez plus tard.',
    'validation.email_code_required': '{field} est obligatoire : saisissez le code à 6 chiffres envoyé par e-mail au compte',
    'email.enrollment_email_code.subject': 'Sitepass : votre code pour terminer la configuration de la vérification en deux étapes',
    'email.enrollment_email_code.body':
      'Votre code pour terminer la configuration de la vérification en deux étapes : {code}\n\nIl expire dans 10 minutes. Le personnel de Sitepass ne vous le demandera jamais.',
    'email.enrollment_email_code.not_you':
      'Si vous ne venez pas de vous connecter, n’utilisez pas ce code et changez votre mot de passe immédiatement : quelqu’un d’autre le connaît.',
    'page.enroll.email_code': 'Code de l’e-mail envoyé à {maskedEmail}',
    'page.enroll.email_code.hint':
      'Pour vérifier que ce compte est bien le vôtre, nous vous avons envoyé un code à 6 chiffres par e-mail. Il expire dans 10 minutes.',
    'page.enroll.email_code.required': 'Saisissez le code à 6 chiffres reçu par e-mail.',
  },
  de: {
    'error.email_code_invalid':
      'Der Code aus der E-Mail ist nicht korrekt. {attemptsLeft, plural, =0 {Keine Versuche mehr: Beginnen Sie die Einrichtung erneut.} one {Noch # Versuch.} other {Noch # Versuche.}}',
    'error.email_code_expired':
      'Der Code aus der E-Mail ist abgelaufen oder wurde zu oft versucht. Beginnen Sie die Einrichtung erneut, um einen neuen zu erhalten.',
    'error.too_many_attempts.enrollment_emails':
      'An dieses Konto wurden zu viele Einrichtungs-E-Mails gesendet. Versuchen Sie es später erneut.',
    'validation.email_code_required': '{field} ist erforderlich: Geben Sie den 6-stelligen Code ein, den wir an das Konto gesendet haben',
    'email.enrollment_email_code.subject': 'Sitepass: Ihr Code zum Abschließen der Einrichtung der Zwei-Faktor-Anmeldung',
    'email.enrollment_email_code.body':
      'Ihr Code zum Abschließen der Einrichtung der Zwei-Faktor-Anmeldung: {code}\n\nEr läuft in 10 Minuten ab. Mitarbeitende von Sitepass werden Sie nie danach fragen.',
    'email.enrollment_email_code.not_you':
      'Wenn Sie sich nicht gerade angemeldet haben, verwenden Sie diesen Code nicht und ändern Sie sofort Ihr Passwort: Jemand anderes kennt es.',
    'page.enroll.email_code': 'Code aus der E-Mail an {maskedEmail}',
    'page.enroll.email_code.hint':
      'Um zu prüfen, dass dieses Konto Ihnen gehört, haben wir Ihnen einen 6-stelligen Code per E-Mail gesendet. Er läuft in 10 Minuten ab.',
    'page.enroll.email_code.required': 'Geben Sie den 6-stelligen Code aus der E-Mail ein.',
  },
  es: {
    'error.email_code_invalid':
      'El código del correo no es correcto. {attemptsLeft, plural, =0 {No quedan intentos: vuelve a empezar la configuración.} one {Queda # intento.} other {Quedan # intentos.}}',
    'error.email_code_expired':
      'El código del correo ha caducado o se ha intentado demasiadas veces. Vuelve a empezar la configuración para recibir uno nuevo.',
    'error.too_many_attempts.enrollment_emails': 'Se han enviado demasiados correos de configuración a esta cuenta. Inténtalo más tarde.',
    'validation.email_code_required': '{field} es obligatorio: introduce el código de 6 dígitos que enviamos por correo a la cuenta',
    'email.enrollment_email_code.subject': 'Sitepass: tu código para terminar de configurar la verificación en dos pasos',
    'email.enrollment_email_code.body':
      'Tu código para terminar de configurar la verificación en dos pasos: {code}\n\nCaduca en 10 minutos. El personal de Sitepass nunca te lo pedirá.',
    'email.enrollment_email_code.not_you':
      'Si no acabas de iniciar sesión, no uses este código y cambia tu contraseña de inmediato: otra persona la conoce.',
    'page.enroll.email_code': 'Código del correo que enviamos a {maskedEmail}',
    'page.enroll.email_code.hint':
      'Para comprobar que esta cuenta es tuya, te enviamos un código de 6 dígitos por correo. Caduca en 10 minutos.',
    'page.enroll.email_code.required': 'Introduce el código de 6 dígitos del correo.',
  },
  'pt-BR': {
    'error.email_code_invalid':
      'O código do e-mail não está correto. {attemptsLeft, plural, =0 {Não há mais tentativas: comece a configuração de novo.} one {Resta # tentativa.} other {Restam # tentativas.}}',
    'error.email_code_expired':
      'O código do e-mail expirou ou foi tentado vezes demais. Comece a configuração de novo para receber um novo código.',
    'error.too_many_attempts.enrollment_emails':
      'Foram enviados e-mails de configuração demais para esta conta. Tente novamente mais tarde.',
    'validation.email_code_required': '{field} é obrigatório: digite o código de 6 dígitos que enviamos por e-mail para a conta',
    'email.enrollment_email_code.subject': 'Sitepass: seu código para concluir a configuração da verificação em duas etapas',
    'email.enrollment_email_code.body':
      'Seu código para concluir a configuração da verificação em duas etapas: {code}\n\nEle expira em 10 minutos. A equipe do Sitepass nunca vai pedir esse código.',
    'email.enrollment_email_code.not_you':
      'Se você não acabou de fazer login, não use este código e troque sua senha imediatamente: outra pessoa a conhece.',
    'page.enroll.email_code': 'Código do e-mail que enviamos para {maskedEmail}',
    'page.enroll.email_code.hint':
      'Para confirmar que esta conta é sua, enviamos um código de 6 dígitos por e-mail. Ele expira em 10 minutos.',
    'page.enroll.email_code.required': 'Digite o código de 6 dígitos do e-mail.',
  },
  pl: {
    'error.email_code_invalid':
      'Kod z e-maila jest nieprawidłowy. {attemptsLeft, plural, =0 {Nie zostały żadne próby: zacznij konfigurację od nowa.} one {Została # próba.} few {Zostały # próby.} other {Zostało # prób.}}',
    'error.email_code_expired':
      'Kod z e-maila wygasł lub wykorzystano wszystkie próby. Zacznij konfigurację od nowa, aby otrzymać nowy kod.',
    'error.too_many_attempts.enrollment_emails': 'Na to konto wysłano zbyt wiele e-maili konfiguracyjnych. Spróbuj ponownie później.',
    'validation.email_code_required': '{field} jest wymagane: wpisz 6-cyfrowy kod, który wysłaliśmy e-mailem na adres konta',
    'email.enrollment_email_code.subject': 'Sitepass: Twój kod do dokończenia konfiguracji weryfikacji dwuetapowej',
    'email.enrollment_email_code.body':
      'Twój kod do dokończenia konfiguracji weryfikacji dwuetapowej: {code}\n\nWygasa za 10 minut. Pracownicy Sitepass nigdy nie poproszą Cię o ten kod.',
    'email.enrollment_email_code.not_you':
      'Jeśli to nie Ty przed chwilą się logowałeś, nie używaj tego kodu i natychmiast zmień hasło: ktoś inny je zna.',
    'page.enroll.email_code': 'Kod z e-maila wysłanego na {maskedEmail}',
    'page.enroll.email_code.hint': 'Aby sprawdzić, że to Twoje konto, wysłaliśmy Ci e-mailem 6-cyfrowy kod. Wygasa za 10 minut.',
    'page.enroll.email_code.required': 'Wpisz 6-cyfrowy kod z e-maila.',
  },
  ja: {
    'error.email_code_invalid':
      'メールのコードが正しくありません。{attemptsLeft, plural, =0 {試行回数が残っていません。設定を最初からやり直してください。} other {残り # 回試せます。}}',
    'error.email_code_expired':
      'メールのコードの有効期限が切れたか、試行回数の上限に達しました。設定を最初からやり直すと、新しいコードが届きます。',
    'error.too_many_attempts.enrollment_emails':
      'このアカウントに送信された設定用メールが多すぎます。しばらくしてからもう一度お試しください。',
    'validation.email_code_required': '{field} は必須です。アカウントのメールアドレスに送信した 6 桁のコードを入力してください',
    'email.enrollment_email_code.subject': 'Sitepass: 2 段階認証の設定を完了するためのコード',
    'email.enrollment_email_code.body':
      '2 段階認証の設定を完了するためのコード: {code}\n\n有効期限は 10 分です。Sitepass のスタッフがこのコードを尋ねることはありません。',
    'email.enrollment_email_code.not_you':
      'たった今サインインしていない場合は、このコードを使用せず、すぐにパスワードを変更してください。他の誰かがパスワードを知っています。',
    'page.enroll.email_code': '{maskedEmail} に送信したメールのコード',
    'page.enroll.email_code.hint': 'このアカウントがご本人のものか確認するため、6 桁のコードをメールで送信しました。有効期限は 10 分です。',
    'page.enroll.email_code.required': 'メールに記載された 6 桁のコードを入力してください。',
  },
  'zh-Hans': {
    'error.email_code_invalid':
      '邮件中的验证码不正确。{attemptsLeft, plural, =0 {已没有尝试次数：请重新开始设置。} other {还可尝试 # 次。}}',
    'error.email_code_expired': '邮件中的验证码已过期或尝试次数过多。请重新开始设置以获取新的验证码。',
    'error.too_many_attempts.enrollment_emails': '发送到此账户的设置邮件过多。请稍后再试。',
    'validation.email_code_required': '{field} 为必填项：请输入我们发送到账户邮箱的 6 位验证码',
    'email.enrollment_email_code.subject': 'Sitepass：完成两步验证设置的验证码',
    'email.enrollment_email_code.body':
      '完成两步验证设置的验证码：{code}\n\n验证码将在 10 分钟后过期。Sitepass 工作人员绝不会向您索要此验证码。',
    'email.enrollment_email_code.not_you': '如果您刚才没有登录，请不要使用此验证码，并立即更改密码：有其他人知道您的密码。',
    'page.enroll.email_code': '我们发送到 {maskedEmail} 的邮件中的验证码',
    'page.enroll.email_code.hint': '为确认此账户属于您，我们已通过邮件向您发送了 6 位验证码。验证码将在 10 分钟后过期。',
    'page.enroll.email_code.required': '请输入邮件中的 6 位验证码。',
  },
};
