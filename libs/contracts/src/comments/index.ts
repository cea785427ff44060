export * as CreateComment from './create-comment';
export * as CreateReply from './create-reply';
export * as ListComments from './list-comments';
export * as ListReplies from './list-replies';
export * from './comment.view';
