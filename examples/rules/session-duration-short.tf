# With "expectedSessionSeconds": 7200 in .iam-trust.json: the release job runs two hours, but the
# role's sessions end after one.
resource "aws_iam_role" "release" {
  name                 = "release"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::210987654321:user/release-bot" }
      Action    = "sts:AssumeRole"
    }]
  })
}
