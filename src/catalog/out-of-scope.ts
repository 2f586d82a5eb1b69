// Products, platforms and runtimes no built-in catalog covers. A query naming one of them is about that product's
// error (MySQL's "access denied", Docker's "permission denied"), so the name weighs heavily against every entry.
// Lower case; Chinese names as written.
export const OTHER_PRODUCTS = new Set(
  (
    "mysql mariadb postgres postgresql pg psql oracle ora sqlserver mssql sqlite mongodb mongo redis memcached " +
    "elasticsearch opensearch kafka rabbitmq zookeeper etcd consul cassandra clickhouse hbase hive spark flink hadoop hdfs " +
    "docker dockerd containerd podman kubernetes kubectl k8s kubelet helm istio envoy nginx apache tomcat haproxy traefik " +
    "git github gitlab bitbucket jenkins npm yarn pip maven gradle webpack vite babel " +
    "python java javascript node nodejs golang rust ruby php dotnet jvm glibc linux windows macos ios android " +
    "aliyun oss qiniu kodo azure gcp gcs firebase cloudflare akamai fastly vercel netlify heroku minio ceph " +
    "cvm nacos apollo prometheus grafana tencentcloud " +
    // the kernel and its drivers: dmesg lines carry negative errnos (`mmc0 error -110`); device names below
    "dmesg systemd udev mmc nvme pcie sata scsi ext4 xfs btrfs " +
    "grpc graphql oauth ldap kerberos ssh ssl tls x509 openssl certificate cert " +
    "wechat weixin dingtalk feishu lark slack discord telegram stripe paypal alipay twilio " +
    // apps with storage behind them and error messages of their own (a storage policy, an upload strategy)
    "cloudreve lsky picx 兰空图床 " +
    "阿里云 七牛 七牛云 华为云 百度云 金山云 京东云 微信 企业微信 钉钉 飞书 证书 云服务器 云数据库 负载均衡 云函数"
  ).split(" "),
);

/**
 * Platforms the vendors' own SDKs run on: named beside a code ("uploading from iOS gives code -1893") they say where
 * the client ran, not whose code it is. They still weigh against entries in a word search, as other products do.
 */
export const CLIENT_PLATFORMS: ReadonlySet<string> = new Set(["ios", "android", "windows", "macos"]);

/**
 * Topics of one's own servers and apps, not of a storage API ("端口被占用了", "jwt expired"). They weigh against
 * every entry in a word search as other products' names do, but unlike those they do not make a code in the
 * same question someone else's (`上传 -97 磁盘满了` is still about -97). A catalog that uses one of these words
 * keeps it: CatalogIndex drops from the list every word the loaded catalogs' own text uses.
 */
export const OTHER_TOPICS = new Set(
  (
    "cpu jwt cron crontab captcha deadlock swap oom oomkilled segfault login logout publickey " +
    "连接池 线程池 死锁 端口 验证码 短信 支付宝 支付 硬盘 磁盘 挖矿 定时任务 配置中心 安全组 防火墙 进程 线程 域名解析 " +
    "登录 登陆 数据盘 系统盘 分区 关机 重启 句柄 内存泄漏"
  ).split(" "),
);

/** What a word search weighs against every entry: other products and other topics. */
export const OUT_OF_SCOPE = new Set([...OTHER_PRODUCTS, ...OTHER_TOPICS]);

/**
 * Other products of our own vendors, named as a phrase: Tencent Cloud's CDN is not COS, so "腾讯云 CDN 刷新额度用完了"
 * is about the CDN. Lower case, without spaces; a lone "cdn" stays ours (UpYun is a CDN).
 */
const OTHER_PRODUCT_PHRASES = ["腾讯云cdn", "tencentcloudcdn", "qcloudcdn"];

/** How many of OTHER_PRODUCT_PHRASES the query names. */
export function otherProductPhrasesIn(query: string): number {
  const flat = query.toLowerCase().replace(/\s+/g, "");
  return OTHER_PRODUCT_PHRASES.filter((phrase) => flat.includes(phrase)).length;
}

/**
 * A kernel log names its device as the kernel writes it: `usb 2-3:`, `mmc0:`, `nvme0n1`, `sda1:`, `ata3.00:`. The
 * negative number on such a line is an errno (`error -71` is EPROTO), not a storage API's code; a bare "usb" is not
 * enough (`upload from a usb stick returns -97` is still about -97).
 */
const KERNEL_DEVICE = /(?:^|[\s\]])(?:usb \d+-[\d.]+:|mmc\d+:?|nvme\d+(?:n\d+)?(?:p\d+)?:?|sd[a-z]\d*:|ata\d+(?:\.\d+)?:)(?=\s|$)/i;

/** Operating systems' errno names, as Node, libuv and the C library print them; the detector knows them too. */
export const OS_ERRNO_NAMES = (
  "ECONNREFUSED ECONNRESET ECONNABORTED ETIMEDOUT EADDRINUSE EADDRNOTAVAIL EHOSTUNREACH EHOSTDOWN ENETUNREACH ENETDOWN " +
  "ENETRESET EPIPE ENOENT EACCES EPERM EINTR EAGAIN EWOULDBLOCK ENOTFOUND EAI_AGAIN EAI_NONAME EPROTO ENOTSUP EOPNOTSUPP EIO " +
  "ENOMEM ENOSPC EEXIST EINVAL EBADF EMFILE ENFILE ENOTCONN EALREADY EINPROGRESS EMSGSIZE ENOBUFS EISCONN ENOTSOCK ECANCELED " +
  "ENOTEMPTY EROFS EBUSY ENOSYS ENOTDIR EISDIR EFAULT ESRCH ENXIO ENODEV EPROTONOSUPPORT EAFNOSUPPORT EOVERFLOW EREMOTEIO ENODATA ESTALE"
).split(" ");

/** An errno name in a question (`ECONNRESET { errno: -104 }`): the number beside it is that errno. */
const OS_ERRNO_NAME = new RegExp(`\\b(?:${OS_ERRNO_NAMES.join("|")})\\b`);

export function namesKernelOrErrno(query: string): boolean {
  return KERNEL_DEVICE.test(query) || OS_ERRNO_NAME.test(query);
}
