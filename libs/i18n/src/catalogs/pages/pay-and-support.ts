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
  },
};
