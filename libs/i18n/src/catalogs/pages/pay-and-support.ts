import { AreaTexts } from './area';

/** Pay's step-up page (WEB-6, PAY-6), the company sign-in (PAY-11), and the reset pages of support and payee admins (RESET-5, PAY-10). */
const en = {
  'page.step_up.title': 'Confirm this action',
  'page.step_up.intro': 'Pay asks you to confirm this action with your second factor:',
  'page.step_up.operation.payments_tool_open': 'Open the Payments tool',
  'page.step_up.operation.disbursement_authorize': 'Authorize a disbursement',
  'page.step_up.operation.funding_account_change': 'Change the funding account',
  'page.step_up.operation.beneficiary_account_approve': 'Approve a beneficiary’s bank account',
  'page.step_up.operation.agreement_accept': 'Accept an agreement',
  'page.step_up.bad_link': 'This confirmation link is not valid: go back to Pay and try the action again.',
  'page.step_up.no_factor': 'You have no verification method that Pay accepts for this. Sign out, then sign in to Pay again to set one up.',
  'page.sso.title': 'Sign in with your company',
  'page.sso.intro': 'If your company signs you in with its own accounts (single sign-on), continue with your work email address.',
  'page.sso.email': 'Work email address',
  'page.sso.email.required': 'Enter your work email address.',
  'page.sso.submit': 'Continue with your company',
  'page.sso.no_provider': 'No company signs in to Pay with this email address. Sign in with your password instead.',
  'page.sso.continue.title': 'Continue to your company’s sign-in',
  'page.sso.continue.body': 'Your company signs you in at {host}. Then you come back here for Pay’s second step.',
  'page.sso.continue.link': 'Continue to {host}',
  'page.sso.bad_callback': 'This sign-in attempt is not valid or was already used. Start again with “Sign in with your company”.',
  'page.sso.provider_refused': 'Your company’s sign-in did not sign you in. Try again, or ask your company’s IT team for help.',
  'error.service_unavailable.provider_discovery': 'The company’s identity provider could not be reached. Try again shortly.',
  'page.resets.title': 'Reset two-step verification',
  'page.resets.support.intro':
    'As Sitepass support, you can reset the two-step verification of any user, whatever their company’s policy. Check who they are first.',
  'page.resets.pay.intro.payee_admin':
    'Reset the two-step verification of a user of {company}. Only Sitepass support can reset users with a payor role.',
  'page.resets.pay.intro.support':
    'As Sitepass support, you can reset any user of {company}. For a user with a payor role, say how you checked their identity.',
  'page.resets.effects':
    'The reset removes all of the user’s verification methods and their recovery code, and signs them out everywhere. They set up two-step verification again at their next sign-in.',
  'page.resets.email': 'The user’s sign-in email address',
  'page.resets.email.required': 'Enter the user’s sign-in email address.',
  'page.resets.note': 'How you checked their identity',
  'page.resets.note.hint.required': 'Required, for example “video call, ID card shown”. It is kept in the audit log.',
  'page.resets.note.hint.payor': 'Required for a user with a payor role. It is kept in the audit log.',
  'page.resets.note.required': 'Say how you checked the user’s identity: it is required for this user.',
  'page.resets.note.too_long': 'Keep the note to 1,000 characters or fewer.',
  'page.resets.identity_verified': 'I have verified this user’s identity',
  'page.resets.identity_verified.required': 'Confirm that you verified the user’s identity before resetting.',
  'page.resets.submit': 'Reset two-step verification',
  'page.resets.done':
    'The two-step verification of {email} is reset: {factors, plural, =0 {no method} one {# method} other {# methods}} removed, {sessions, plural, =0 {no session} one {# session} other {# sessions}} signed out.',
} as const;

export const payAndSupportPages: AreaTexts<typeof en> = {
  en,
  fr: {
    'page.step_up.title': 'Confirmer cette action',
    'page.step_up.intro': 'Pay vous demande de confirmer cette action avec votre deuxième facteur :',
    'page.step_up.operation.payments_tool_open': 'Ouvrir l’outil Paiements',
    'page.step_up.operation.disbursement_authorize': 'Autoriser un décaissement',
    'page.step_up.operation.funding_account_change': 'Modifier le compte de financement',
    'page.step_up.operation.beneficiary_account_approve': 'Approuver le compte bancaire d’un bénéficiaire',
    'page.step_up.operation.agreement_accept': 'Accepter un contrat',
    'page.step_up.bad_link': 'Ce lien de confirmation n’est pas valide : revenez à Pay et recommencez l’action.',
    'page.step_up.no_factor':
      'Vous n’avez aucune méthode de vérification acceptée par Pay pour cela. Déconnectez-vous, puis reconnectez-vous à Pay pour en configurer une.',
    'page.sso.title': 'Se connecter avec son entreprise',
    'page.sso.intro':
      'Si votre entreprise vous connecte avec ses propres comptes (authentification unique), continuez avec votre adresse e-mail professionnelle.',
    'page.sso.email': 'Adresse e-mail professionnelle',
    'page.sso.email.required': 'Saisissez votre adresse e-mail professionnelle.',
    'page.sso.submit': 'Continuer avec mon entreprise',
    'page.sso.no_provider': 'Aucune entreprise ne connecte à Pay avec cette adresse e-mail. Connectez-vous plutôt avec votre mot de passe.',
    'page.sso.continue.title': 'Continuer vers la connexion de votre entreprise',
    'page.sso.continue.body': 'Votre entreprise vous connecte sur {host}. Vous reviendrez ensuite ici pour la deuxième étape de Pay.',
    'page.sso.continue.link': 'Continuer vers {host}',
    'page.sso.bad_callback':
      'Cette tentative de connexion n’est pas valide ou a déjà servi. Recommencez avec « Se connecter avec son entreprise ».',
    'page.sso.provider_refused':
      'La connexion de votre entreprise n’a pas abouti. Réessayez ou demandez de l’aide au service informatique de votre entreprise.',
    'error.service_unavailable.provider_discovery': 'Le fournisseur d’identité de l’entreprise est injoignable. Réessayez dans un instant.',
    'page.resets.title': 'Réinitialiser la validation en deux étapes',
    'page.resets.support.intro':
      'En tant que support Sitepass, vous pouvez réinitialiser la validation en deux étapes de tout utilisateur, quelle que soit la règle de son entreprise. Vérifiez d’abord son identité.',
    'page.resets.pay.intro.payee_admin':
      'Réinitialisez la validation en deux étapes d’un utilisateur de {company}. Seul le support Sitepass peut réinitialiser les utilisateurs ayant un rôle de payeur.',
    'page.resets.pay.intro.support':
      'En tant que support Sitepass, vous pouvez réinitialiser tout utilisateur de {company}. Pour un utilisateur ayant un rôle de payeur, indiquez comment vous avez vérifié son identité.',
    'page.resets.effects':
      'La réinitialisation supprime toutes les méthodes de vérification de l’utilisateur et son code de récupération, et le déconnecte partout. Il configurera de nouveau la validation en deux étapes à sa prochaine connexion.',
    'page.resets.email': 'Adresse e-mail de connexion de l’utilisateur',
    'page.resets.email.required': 'Saisissez l’adresse e-mail de connexion de l’utilisateur.',
    'page.resets.note': 'Comment vous avez vérifié son identité',
    'page.resets.note.hint.required':
      'Obligatoire, par exemple « appel vidéo, pièce d’identité montrée ». Cette note est conservée dans le journal d’audit.',
    'page.resets.note.hint.payor':
      'Obligatoire pour un utilisateur ayant un rôle de payeur. Cette note est conservée dans le journal d’audit.',
    'page.resets.note.required': 'Indiquez comment vous avez vérifié l’identité de l’utilisateur : c’est obligatoire pour cet utilisateur.',
    'page.resets.note.too_long': 'La note ne doit pas dépasser 1 000 caractères.',
    'page.resets.identity_verified': 'J’ai vérifié l’identité de cet utilisateur',
    'page.resets.identity_verified.required': 'Confirmez que vous avez vérifié l’identité de l’utilisateur avant de réinitialiser.',
    'page.resets.submit': 'Réinitialiser la validation en deux étapes',
    'page.resets.done':
      'La validation en deux étapes de {email} est réinitialisée : {factors, plural, =0 {aucune méthode supprimée} one {# méthode supprimée} other {# méthodes supprimées}}, {sessions, plural, =0 {aucune session fermée} one {# session fermée} other {# sessions fermées}}.',
  },
  de: {
    'page.step_up.title': 'Diesen Vorgang bestätigen',
    'page.step_up.intro': 'Pay bittet Sie, diesen Vorgang mit Ihrem zweiten Faktor zu bestätigen:',
    'page.step_up.operation.payments_tool_open': 'Das Zahlungstool öffnen',
    'page.step_up.operation.disbursement_authorize': 'Eine Auszahlung freigeben',
    'page.step_up.operation.funding_account_change': 'Das Finanzierungskonto ändern',
    'page.step_up.operation.beneficiary_account_approve': 'Das Bankkonto eines Begünstigten genehmigen',
    'page.step_up.operation.agreement_accept': 'Eine Vereinbarung annehmen',
    'page.step_up.bad_link': 'Dieser Bestätigungslink ist ungültig: Kehren Sie zu Pay zurück und versuchen Sie den Vorgang erneut.',
    'page.step_up.no_factor':
      'Sie haben keine Bestätigungsmethode, die Pay dafür akzeptiert. Melden Sie sich ab und erneut bei Pay an, um eine einzurichten.',
    'page.sso.title': 'Mit Ihrem Unternehmen anmelden',
    'page.sso.intro':
      'Wenn Ihr Unternehmen Sie mit eigenen Konten anmeldet (Single Sign-on), fahren Sie mit Ihrer geschäftlichen E-Mail-Adresse fort.',
    'page.sso.email': 'Geschäftliche E-Mail-Adresse',
    'page.sso.email.required': 'Geben Sie Ihre geschäftliche E-Mail-Adresse ein.',
    'page.sso.submit': 'Mit meinem Unternehmen fortfahren',
    'page.sso.no_provider':
      'Kein Unternehmen meldet mit dieser E-Mail-Adresse bei Pay an. Melden Sie sich stattdessen mit Ihrem Passwort an.',
    'page.sso.continue.title': 'Weiter zur Anmeldung Ihres Unternehmens',
    'page.sso.continue.body': 'Ihr Unternehmen meldet Sie bei {host} an. Danach kommen Sie für den zweiten Schritt von Pay hierher zurück.',
    'page.sso.continue.link': 'Weiter zu {host}',
    'page.sso.bad_callback':
      'Dieser Anmeldeversuch ist ungültig oder wurde bereits verwendet. Beginnen Sie erneut mit „Mit Ihrem Unternehmen anmelden“.',
    'page.sso.provider_refused':
      'Die Anmeldung Ihres Unternehmens war nicht erfolgreich. Versuchen Sie es erneut oder wenden Sie sich an die IT Ihres Unternehmens.',
    'error.service_unavailable.provider_discovery':
      'Der Identitätsanbieter des Unternehmens ist nicht erreichbar. Versuchen Sie es gleich noch einmal.',
    'page.resets.title': 'Bestätigung in zwei Schritten zurücksetzen',
    'page.resets.support.intro':
      'Als Sitepass-Support können Sie die Bestätigung in zwei Schritten jedes Benutzers zurücksetzen, unabhängig von der Richtlinie seines Unternehmens. Prüfen Sie zuerst seine Identität.',
    'page.resets.pay.intro.payee_admin':
      'Setzen Sie die Bestätigung in zwei Schritten eines Benutzers von {company} zurück. Benutzer mit einer Zahlerrolle kann nur der Sitepass-Support zurücksetzen.',
    'page.resets.pay.intro.support':
      'Als Sitepass-Support können Sie jeden Benutzer von {company} zurücksetzen. Geben Sie bei einem Benutzer mit Zahlerrolle an, wie Sie seine Identität geprüft haben.',
    'page.resets.effects':
      'Das Zurücksetzen entfernt alle Bestätigungsmethoden des Benutzers und seinen Wiederherstellungscode und meldet ihn überall ab. Bei der nächsten Anmeldung richtet er die Bestätigung in zwei Schritten neu ein.',
    'page.resets.email': 'Anmelde-E-Mail-Adresse des Benutzers',
    'page.resets.email.required': 'Geben Sie die Anmelde-E-Mail-Adresse des Benutzers ein.',
    'page.resets.note': 'Wie Sie die Identität geprüft haben',
    'page.resets.note.hint.required':
      'Pflichtangabe, zum Beispiel „Videoanruf, Ausweis gezeigt“. Die Notiz wird im Audit-Protokoll gespeichert.',
    'page.resets.note.hint.payor': 'Pflichtangabe für einen Benutzer mit Zahlerrolle. Die Notiz wird im Audit-Protokoll gespeichert.',
    'page.resets.note.required': 'Geben Sie an, wie Sie die Identität des Benutzers geprüft haben: Für diesen Benutzer ist das Pflicht.',
    'page.resets.note.too_long': 'Die Notiz darf höchstens 1.000 Zeichen lang sein.',
    'page.resets.identity_verified': 'Ich habe die Identität dieses Benutzers geprüft',
    'page.resets.identity_verified.required': 'Bestätigen Sie vor dem Zurücksetzen, dass Sie die Identität des Benutzers geprüft haben.',
    'page.resets.submit': 'Bestätigung in zwei Schritten zurücksetzen',
    'page.resets.done':
      'Die Bestätigung in zwei Schritten von {email} ist zurückgesetzt: {factors, plural, =0 {keine Methode} one {# Methode} other {# Methoden}} entfernt, {sessions, plural, =0 {keine Sitzung} one {# Sitzung} other {# Sitzungen}} abgemeldet.',
  },
  es: {
    'page.step_up.title': 'Confirma esta acción',
    'page.step_up.intro': 'Pay te pide que confirmes esta acción con tu segundo factor:',
    'page.step_up.operation.payments_tool_open': 'Abrir la herramienta de pagos',
    'page.step_up.operation.disbursement_authorize': 'Autorizar un desembolso',
    'page.step_up.operation.funding_account_change': 'Cambiar la cuenta de financiación',
    'page.step_up.operation.beneficiary_account_approve': 'Aprobar la cuenta bancaria de un beneficiario',
    'page.step_up.operation.agreement_accept': 'Aceptar un acuerdo',
    'page.step_up.bad_link': 'Este enlace de confirmación no es válido: vuelve a Pay e intenta la acción de nuevo.',
    'page.step_up.no_factor':
      'No tienes ningún método de verificación que Pay acepte para esto. Cierra sesión y vuelve a iniciarla en Pay para configurar uno.',
    'page.sso.title': 'Inicia sesión con tu empresa',
    'page.sso.intro':
      'Si tu empresa te permite iniciar sesión con sus propias cuentas (inicio de sesión único), continúa con tu correo electrónico del trabajo.',
    'page.sso.email': 'Correo electrónico del trabajo',
    'page.sso.email.required': 'Escribe tu correo electrónico del trabajo.',
    'page.sso.submit': 'Continuar con mi empresa',
    'page.sso.no_provider': 'Ninguna empresa inicia sesión en Pay con este correo electrónico. Inicia sesión con tu contraseña.',
    'page.sso.continue.title': 'Continúa al inicio de sesión de tu empresa',
    'page.sso.continue.body': 'Tu empresa te identifica en {host}. Después volverás aquí para el segundo paso de Pay.',
    'page.sso.continue.link': 'Continuar a {host}',
    'page.sso.bad_callback':
      'Este intento de inicio de sesión no es válido o ya se usó. Empieza de nuevo con «Inicia sesión con tu empresa».',
    'page.sso.provider_refused':
      'El inicio de sesión de tu empresa no se completó. Inténtalo de nuevo o pide ayuda al equipo de TI de tu empresa.',
    'error.service_unavailable.provider_discovery':
      'No se pudo contactar con el proveedor de identidad de la empresa. Inténtalo de nuevo en un momento.',
    'page.resets.title': 'Restablecer la verificación en dos pasos',
    'page.resets.support.intro':
      'Como soporte de Sitepass, puedes restablecer la verificación en dos pasos de cualquier usuario, sea cual sea la política de su empresa. Comprueba primero su identidad.',
    'page.resets.pay.intro.payee_admin':
      'Restablece la verificación en dos pasos de un usuario de {company}. Solo el soporte de Sitepass puede restablecer a usuarios con un rol de pagador.',
    'page.resets.pay.intro.support':
      'Como soporte de Sitepass, puedes restablecer a cualquier usuario de {company}. Para un usuario con un rol de pagador, indica cómo comprobaste su identidad.',
    'page.resets.effects':
      'El restablecimiento elimina todos los métodos de verificación del usuario y su código de recuperación, y cierra todas sus sesiones. Volverá a configurar la verificación en dos pasos en su próximo inicio de sesión.',
    'page.resets.email': 'Correo electrónico de inicio de sesión del usuario',
    'page.resets.email.required': 'Escribe el correo electrónico de inicio de sesión del usuario.',
    'page.resets.note': 'Cómo comprobaste su identidad',
    'page.resets.note.hint.required':
      'Obligatorio, por ejemplo «videollamada, mostró su documento de identidad». Se guarda en el registro de auditoría.',
    'page.resets.note.hint.payor': 'Obligatorio para un usuario con un rol de pagador. Se guarda en el registro de auditoría.',
    'page.resets.note.required': 'Indica cómo comprobaste la identidad del usuario: es obligatorio para este usuario.',
    'page.resets.note.too_long': 'La nota no puede superar los 1000 caracteres.',
    'page.resets.identity_verified': 'He verificado la identidad de este usuario',
    'page.resets.identity_verified.required': 'Confirma que verificaste la identidad del usuario antes de restablecer.',
    'page.resets.submit': 'Restablecer la verificación en dos pasos',
    'page.resets.done':
      'La verificación en dos pasos de {email} está restablecida: {factors, plural, =0 {ningún método eliminado} one {# método eliminado} other {# métodos eliminados}}, {sessions, plural, =0 {ninguna sesión cerrada} one {# sesión cerrada} other {# sesiones cerradas}}.',
  },
  'pt-BR': {
    'page.step_up.title': 'Confirme esta ação',
    'page.step_up.intro': 'O Pay pede que você confirme esta ação com seu segundo fator:',
    'page.step_up.operation.payments_tool_open': 'Abrir a ferramenta de pagamentos',
    'page.step_up.operation.disbursement_authorize': 'Autorizar um desembolso',
    'page.step_up.operation.funding_account_change': 'Alterar a conta de financiamento',
    'page.step_up.operation.beneficiary_account_approve': 'Aprovar a conta bancária de um beneficiário',
    'page.step_up.operation.agreement_accept': 'Aceitar um contrato',
    'page.step_up.bad_link': 'Este link de confirmação não é válido: volte ao Pay e tente a ação de novo.',
    'page.step_up.no_factor':
      'Você não tem nenhum método de verificação que o Pay aceite para isso. Saia e entre no Pay de novo para configurar um.',
    'page.sso.title': 'Entrar com sua empresa',
    'page.sso.intro': 'Se sua empresa faz seu login com as próprias contas (login único), continue com seu e-mail de trabalho.',
    'page.sso.email': 'E-mail de trabalho',
    'page.sso.email.required': 'Informe seu e-mail de trabalho.',
    'page.sso.submit': 'Continuar com minha empresa',
    'page.sso.no_provider': 'Nenhuma empresa faz login no Pay com este e-mail. Entre com sua senha.',
    'page.sso.continue.title': 'Continue para o login da sua empresa',
    'page.sso.continue.body': 'Sua empresa faz seu login em {host}. Depois você volta aqui para a segunda etapa do Pay.',
    'page.sso.continue.link': 'Continuar para {host}',
    'page.sso.bad_callback': 'Esta tentativa de login não é válida ou já foi usada. Comece de novo com “Entrar com sua empresa”.',
    'page.sso.provider_refused': 'O login da sua empresa não foi concluído. Tente de novo ou peça ajuda à equipe de TI da sua empresa.',
    'error.service_unavailable.provider_discovery':
      'Não foi possível contatar o provedor de identidade da empresa. Tente de novo em instantes.',
    'page.resets.title': 'Redefinir a verificação em duas etapas',
    'page.resets.support.intro':
      'Como suporte da Sitepass, você pode redefinir a verificação em duas etapas de qualquer usuário, seja qual for a política da empresa dele. Confirme primeiro quem ele é.',
    'page.resets.pay.intro.payee_admin':
      'Redefina a verificação em duas etapas de um usuário de {company}. Só o suporte da Sitepass pode redefinir usuários com uma função de pagador.',
    'page.resets.pay.intro.support':
      'Como suporte da Sitepass, você pode redefinir qualquer usuário de {company}. Para um usuário com função de pagador, informe como verificou a identidade dele.',
    'page.resets.effects':
      'A redefinição remove todos os métodos de verificação do usuário e o código de recuperação dele, e encerra todas as sessões dele. Ele configura a verificação em duas etapas de novo no próximo login.',
    'page.resets.email': 'E-mail de login do usuário',
    'page.resets.email.required': 'Informe o e-mail de login do usuário.',
    'page.resets.note': 'Como você verificou a identidade',
    'page.resets.note.hint.required':
      'Obrigatório, por exemplo “chamada de vídeo, documento de identidade mostrado”. Fica registrado no log de auditoria.',
    'page.resets.note.hint.payor': 'Obrigatório para um usuário com função de pagador. Fica registrado no log de auditoria.',
    'page.resets.note.required': 'Informe como você verificou a identidade do usuário: é obrigatório para este usuário.',
    'page.resets.note.too_long': 'A nota pode ter no máximo 1.000 caracteres.',
    'page.resets.identity_verified': 'Verifiquei a identidade deste usuário',
    'page.resets.identity_verified.required': 'Confirme que você verificou a identidade do usuário antes de redefinir.',
    'page.resets.submit': 'Redefinir a verificação em duas etapas',
    'page.resets.done':
      'A verificação em duas etapas de {email} foi redefinida: {factors, plural, =0 {nenhum método removido} one {# método removido} other {# métodos removidos}}, {sessions, plural, =0 {nenhuma sessão encerrada} one {# sessão encerrada} other {# sessões encerradas}}.',
  },
  pl: {
    'page.step_up.title': 'Potwierdź tę czynność',
    'page.step_up.intro': 'Pay prosi o potwierdzenie tej czynności drugim składnikiem:',
    'page.step_up.operation.payments_tool_open': 'Otwarcie narzędzia płatności',
    'page.step_up.operation.disbursement_authorize': 'Autoryzacja wypłaty',
    'page.step_up.operation.funding_account_change': 'Zmiana rachunku finansowania',
    'page.step_up.operation.beneficiary_account_approve': 'Zatwierdzenie rachunku bankowego beneficjenta',
    'page.step_up.operation.agreement_accept': 'Akceptacja umowy',
    'page.step_up.bad_link': 'Ten link potwierdzający jest nieprawidłowy: wróć do Pay i spróbuj ponownie.',
    'page.step_up.no_factor':
      'Nie masz metody weryfikacji, którą Pay tu akceptuje. Wyloguj się i zaloguj ponownie do Pay, aby ją skonfigurować.',
    'page.sso.title': 'Zaloguj się przez firmę',
    'page.sso.intro': 'Jeśli firma loguje Cię przez własne konta (logowanie jednokrotne), kontynuuj ze służbowym adresem e-mail.',
    'page.sso.email': 'Służbowy adres e-mail',
    'page.sso.email.required': 'Wpisz służbowy adres e-mail.',
    'page.sso.submit': 'Kontynuuj przez firmę',
    'page.sso.no_provider': 'Żadna firma nie loguje do Pay z tym adresem e-mail. Zaloguj się hasłem.',
    'page.sso.continue.title': 'Przejdź do logowania w swojej firmie',
    'page.sso.continue.body': 'Twoja firma loguje Cię w {host}. Potem wrócisz tutaj na drugi krok Pay.',
    'page.sso.continue.link': 'Przejdź do {host}',
    'page.sso.bad_callback':
      'Ta próba logowania jest nieprawidłowa lub została już użyta. Zacznij od nowa, wybierając „Zaloguj się przez firmę”.',
    'page.sso.provider_refused': 'Logowanie w Twojej firmie nie powiodło się. Spróbuj ponownie lub poproś o pomoc dział IT swojej firmy.',
    'error.service_unavailable.provider_discovery': 'Nie udało się połączyć z dostawcą tożsamości firmy. Spróbuj ponownie za chwilę.',
    'page.resets.title': 'Zresetuj weryfikację dwuetapową',
    'page.resets.support.intro':
      'Jako pomoc techniczna Sitepass możesz zresetować weryfikację dwuetapową każdego użytkownika, niezależnie od zasad jego firmy. Najpierw sprawdź jego tożsamość.',
    'page.resets.pay.intro.payee_admin':
      'Zresetuj weryfikację dwuetapową użytkownika firmy {company}. Użytkowników z rolą płatnika może zresetować tylko pomoc techniczna Sitepass.',
    'page.resets.pay.intro.support':
      'Jako pomoc techniczna Sitepass możesz zresetować każdego użytkownika firmy {company}. W przypadku użytkownika z rolą płatnika opisz, jak sprawdzono jego tożsamość.',
    'page.resets.effects':
      'Reset usuwa wszystkie metody weryfikacji użytkownika i jego kod odzyskiwania oraz wylogowuje go wszędzie. Przy następnym logowaniu ponownie skonfiguruje weryfikację dwuetapową.',
    'page.resets.email': 'Adres e-mail logowania użytkownika',
    'page.resets.email.required': 'Wpisz adres e-mail logowania użytkownika.',
    'page.resets.note': 'Jak sprawdzono tożsamość',
    'page.resets.note.hint.required': 'Wymagane, na przykład „rozmowa wideo, okazany dowód osobisty”. Notatka trafia do dziennika audytu.',
    'page.resets.note.hint.payor': 'Wymagane dla użytkownika z rolą płatnika. Notatka trafia do dziennika audytu.',
    'page.resets.note.required': 'Opisz, jak sprawdzono tożsamość użytkownika: dla tego użytkownika jest to wymagane.',
    'page.resets.note.too_long': 'Notatka może mieć najwyżej 1000 znaków.',
    'page.resets.identity_verified': 'Sprawdziłem(-am) tożsamość tego użytkownika',
    'page.resets.identity_verified.required': 'Przed resetem potwierdź, że sprawdzono tożsamość użytkownika.',
    'page.resets.submit': 'Zresetuj weryfikację dwuetapową',
    'page.resets.done':
      'Weryfikacja dwuetapowa użytkownika {email} została zresetowana: {factors, plural, =0 {nie usunięto żadnej metody} one {usunięto # metodę} few {usunięto # metody} many {usunięto # metod} other {usunięto # metody}}, {sessions, plural, =0 {nie zakończono żadnej sesji} one {zakończono # sesję} few {zakończono # sesje} many {zakończono # sesji} other {zakończono # sesji}}.',
  },
  ja: {
    'page.step_up.title': 'この操作の確認',
    'page.step_up.intro': 'Pay では、次の操作を 2 つ目の認証要素で確認する必要があります。',
    'page.step_up.operation.payments_tool_open': '支払いツールを開く',
    'page.step_up.operation.disbursement_authorize': '支払いを承認する',
    'page.step_up.operation.funding_account_change': '資金口座を変更する',
    'page.step_up.operation.beneficiary_account_approve': '受取人の銀行口座を承認する',
    'page.step_up.operation.agreement_accept': '契約に同意する',
    'page.step_up.bad_link': 'この確認リンクは無効です。Pay に戻って、もう一度操作してください。',
    'page.step_up.no_factor':
      'この操作に Pay が認める確認方法がありません。サインアウトしてから Pay に再度サインインし、確認方法を設定してください。',
    'page.sso.title': '会社のアカウントでサインイン',
    'page.sso.intro': '会社独自のアカウントでサインインしている場合（シングルサインオン）は、仕事用のメールアドレスで続けてください。',
    'page.sso.email': '仕事用のメールアドレス',
    'page.sso.email.required': '仕事用のメールアドレスを入力してください。',
    'page.sso.submit': '会社のアカウントで続ける',
    'page.sso.no_provider': 'このメールアドレスで Pay にサインインする会社はありません。パスワードでサインインしてください。',
    'page.sso.continue.title': '会社のサインインに進む',
    'page.sso.continue.body': '会社のサインインは {host} で行います。その後、Pay の 2 段階目のためにここへ戻ります。',
    'page.sso.continue.link': '{host} に進む',
    'page.sso.bad_callback': 'このサインインは無効か、すでに使用されています。「会社のアカウントでサインイン」からやり直してください。',
    'page.sso.provider_refused': '会社のサインインが完了しませんでした。もう一度試すか、社内の IT 担当者に問い合わせてください。',
    'error.service_unavailable.provider_discovery':
      '会社の ID プロバイダーに接続できませんでした。しばらくしてからもう一度お試しください。',
    'page.resets.title': '2 段階認証のリセット',
    'page.resets.support.intro':
      'Sitepass サポートとして、会社のポリシーにかかわらず、どのユーザーの 2 段階認証もリセットできます。まず本人確認を行ってください。',
    'page.resets.pay.intro.payee_admin':
      '{company} のユーザーの 2 段階認証をリセットします。支払者ロールを持つユーザーをリセットできるのは Sitepass サポートだけです。',
    'page.resets.pay.intro.support':
      'Sitepass サポートとして、{company} のどのユーザーもリセットできます。支払者ロールを持つユーザーの場合は、本人確認の方法を記入してください。',
    'page.resets.effects':
      'リセットすると、ユーザーのすべての確認方法と回復コードが削除され、すべてのセッションからサインアウトされます。次回のサインイン時に 2 段階認証を設定し直します。',
    'page.resets.email': 'ユーザーのサインイン用メールアドレス',
    'page.resets.email.required': 'ユーザーのサインイン用メールアドレスを入力してください。',
    'page.resets.note': '本人確認の方法',
    'page.resets.note.hint.required': '必須です。例:「ビデオ通話で身分証明書を確認」。監査ログに記録されます。',
    'page.resets.note.hint.payor': '支払者ロールを持つユーザーの場合は必須です。監査ログに記録されます。',
    'page.resets.note.required': 'ユーザーの本人確認の方法を記入してください。このユーザーには必須です。',
    'page.resets.note.too_long': 'メモは 1,000 文字以内にしてください。',
    'page.resets.identity_verified': 'このユーザーの本人確認を行いました',
    'page.resets.identity_verified.required': 'リセットする前に、ユーザーの本人確認を行ったことを確認してください。',
    'page.resets.submit': '2 段階認証をリセット',
    'page.resets.done':
      '{email} の 2 段階認証をリセットしました。削除した確認方法: {factors, plural, other {# 件}}、サインアウトしたセッション: {sessions, plural, other {# 件}}。',
  },
  'zh-Hans': {
    'page.step_up.title': '确认此操作',
    'page.step_up.intro': 'Pay 要求您使用第二重验证方式确认此操作：',
    'page.step_up.operation.payments_tool_open': '打开付款工具',
    'page.step_up.operation.disbursement_authorize': '授权一笔付款',
    'page.step_up.operation.funding_account_change': '更改资金账户',
    'page.step_up.operation.beneficiary_account_approve': '批准收款人的银行账户',
    'page.step_up.operation.agreement_accept': '接受协议',
    'page.step_up.bad_link': '此确认链接无效：请返回 Pay 并重新执行该操作。',
    'page.step_up.no_factor': '您没有 Pay 为此接受的验证方式。请退出，然后重新登录 Pay 进行设置。',
    'page.sso.title': '使用公司账户登录',
    'page.sso.intro': '如果贵公司使用自己的账户为您登录（单点登录），请使用工作电子邮件地址继续。',
    'page.sso.email': '工作电子邮件地址',
    'page.sso.email.required': '请输入您的工作电子邮件地址。',
    'page.sso.submit': '使用公司账户继续',
    'page.sso.no_provider': '没有公司使用此电子邮件地址登录 Pay。请改用密码登录。',
    'page.sso.continue.title': '前往公司的登录页面',
    'page.sso.continue.body': '贵公司在 {host} 为您登录。之后您将返回此处完成 Pay 的第二步验证。',
    'page.sso.continue.link': '前往 {host}',
    'page.sso.bad_callback': '此登录尝试无效或已被使用。请通过“使用公司账户登录”重新开始。',
    'page.sso.provider_refused': '公司登录未完成。请重试，或向贵公司的 IT 团队寻求帮助。',
    'error.service_unavailable.provider_discovery': '无法连接公司的身份提供方。请稍后重试。',
    'page.resets.title': '重置两步验证',
    'page.resets.support.intro': '作为 Sitepass 支持人员，无论用户所在公司的策略如何，您都可以重置任何用户的两步验证。请先核实其身份。',
    'page.resets.pay.intro.payee_admin': '重置 {company} 用户的两步验证。只有 Sitepass 支持人员才能重置具有付款方角色的用户。',
    'page.resets.pay.intro.support':
      '作为 Sitepass 支持人员，您可以重置 {company} 的任何用户。对于具有付款方角色的用户，请说明您如何核实其身份。',
    'page.resets.effects': '重置会删除该用户的所有验证方式和恢复码，并使其在所有地方退出登录。该用户下次登录时需要重新设置两步验证。',
    'page.resets.email': '用户的登录电子邮件地址',
    'page.resets.email.required': '请输入用户的登录电子邮件地址。',
    'page.resets.note': '您如何核实其身份',
    'page.resets.note.hint.required': '必填，例如“视频通话，出示了身份证件”。此说明会保存在审计日志中。',
    'page.resets.note.hint.payor': '对于具有付款方角色的用户为必填项。此说明会保存在审计日志中。',
    'page.resets.note.required': '请说明您如何核实该用户的身份：对此用户为必填项。',
    'page.resets.note.too_long': '说明不能超过 1,000 个字符。',
    'page.resets.identity_verified': '我已核实此用户的身份',
    'page.resets.identity_verified.required': '重置前，请确认您已核实该用户的身份。',
    'page.resets.submit': '重置两步验证',
    'page.resets.done':
      '已重置 {email} 的两步验证：删除了 {factors, plural, other {# 种验证方式}}，退出了 {sessions, plural, other {# 个会话}}。',
  },
};
