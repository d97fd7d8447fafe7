# 安全のための制限（検索の長さ、混雑時の応答）

security-error-search-too-long = 検索語が長すぎます。100文字以内で入力してください
security-error-busy = ただいまサインインが混み合っています。数秒待ってからもう一度お試しください
