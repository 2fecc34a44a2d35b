/**
 * The words the sign-in page and the frame around every page need (loading, errors): the only catalogue
 * fetched before the first render. Everything else arrives with the app (src/web/i18n/catalogs.ts).
 */
export const signInZhCN = {
  'app.name': 'Liaison 协作记录',
  'common.loading': '加载中…',
  'common.retry': '重试',
  'common.reload': '重新加载',
  'common.save': '保存',
  'common.cancel': '取消',
  'common.edit': '编辑',
  'common.loadMore': '加载更多',
  'common.viewAll': '查看全部',
  'error.generic': '出错了，请稍后再试。',
  'error.network': '无法连接服务器，请检查网络后重试。',
  'error.notFound': '没有找到，或你没有查看权限。',
  'error.pageFailed': '页面没能打开',
  'error.pageFailedHint': '可能刚刚发布了新版本。重新加载页面通常就能解决。',
  'shell.language': '语言',
  'signIn.title': '登录',
  'signIn.tagline': '跨部门协作沟通记录：会议、纪要、行动项，一处可查。',
  'signIn.email': '邮箱',
  'signIn.emailRequired': '请输入邮箱',
  'signIn.emailInvalid': '邮箱格式不正确',
  'signIn.password': '密码',
  'signIn.passwordRequired': '请输入密码',
  'signIn.submit': '登录',
  'signIn.invalidCredentials': '邮箱或密码不正确。',
  'account.passwordChangedSignIn': '密码已修改，所有设备都已退出登录。请用新密码登录。',
};
